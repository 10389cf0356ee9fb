package io.kizuna.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code kizuna.analytics.*}. Kafka's address comes from {@code spring.kafka.bootstrap-servers}.
 *
 * @param topic            the integration stream topic (one topic, keyed by aggregate id)
 * @param elasticsearchUrl Elasticsearch base URL, e.g. {@code http://127.0.0.1:9200}
 * @param eventsIndex      index (or alias) of ledger-event documents
 * @param topicPartitions  partitions of the topic when Kizuna creates it
 * @param topicReplicas    replication factor of the topic when Kizuna creates it
 */
@ConfigurationProperties(prefix = "kizuna.analytics")
public record AnalyticsProperties(String topic, String elasticsearchUrl, String eventsIndex, Integer topicPartitions,
                                  Short topicReplicas) {
    public AnalyticsProperties {
        topic = topic == null ? "kizuna.ledger.events" : topic;
        elasticsearchUrl = elasticsearchUrl == null ? "http://127.0.0.1:9200" : elasticsearchUrl;
        eventsIndex = eventsIndex == null ? "kizuna-events" : eventsIndex;
        topicPartitions = topicPartitions == null ? 3 : topicPartitions;
        topicReplicas = topicReplicas == null ? 1 : topicReplicas;
    }
}
