package io.kizuna.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code kizuna.analytics.*}. Kafka's address comes from {@code spring.kafka.bootstrap-servers}.
 *
 * @param topic            the integration stream topic (one topic, keyed by aggregate id)
 * @param elasticsearchUrl Elasticsearch base URL, e.g. {@code http://127.0.0.1:9200}
 * @param eventsIndex      write alias of ledger-event documents; its first index is {@code <alias>-000001}
 * @param activityIndex    alias of the derived per-member, per-service activity documents
 * @param topicPartitions  partitions of the topic when Kizuna creates it
 * @param topicReplicas    replication factor of the topic when Kizuna creates it
 * @param pseudonymKey     base64 HMAC key (≥ 32 bytes) turning member ids into pseudonyms before anything
 *                         reaches Elasticsearch; required, because without it there is no safe pseudonym
 * @param indexReplicas    replicas of the analytics indices (0 on a single node; 1 or more on a cluster)
 * @param retentionDays    days of analytics kept: event indices whose newest event is older, and activity
 *                         documents last seen before then, are deleted daily (0 keeps everything)
 * @param rolloverAfter    age of the event write index after which the daily run rolls the alias over
 *                         (the granularity with which old events can be deleted)
 */
@ConfigurationProperties(prefix = "kizuna.analytics")
public record AnalyticsProperties(String topic, String elasticsearchUrl, String eventsIndex, String activityIndex,
                                  Integer topicPartitions, Short topicReplicas, String pseudonymKey,
                                  Integer indexReplicas, Integer retentionDays, java.time.Duration rolloverAfter) {
    public AnalyticsProperties {
        topic = topic == null ? "kizuna.ledger.events" : topic;
        elasticsearchUrl = elasticsearchUrl == null ? "http://127.0.0.1:9200" : elasticsearchUrl;
        eventsIndex = eventsIndex == null ? "kizuna-events" : eventsIndex;
        activityIndex = activityIndex == null ? "kizuna-activity" : activityIndex;
        topicPartitions = topicPartitions == null ? 3 : topicPartitions;
        topicReplicas = topicReplicas == null ? 1 : topicReplicas;
        indexReplicas = indexReplicas == null ? 0 : indexReplicas;
        retentionDays = retentionDays == null ? 400 : retentionDays;
        rolloverAfter = rolloverAfter == null ? java.time.Duration.ofDays(30) : rolloverAfter;
    }
}
