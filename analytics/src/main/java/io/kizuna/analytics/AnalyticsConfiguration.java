package io.kizuna.analytics;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kizuna.analytics.index.MemberPseudonyms;
import io.kizuna.analytics.stream.LedgerStreamPublisher;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Kafka producer for the ledger stream, the Elasticsearch client, member pseudonyms, the publisher's
 * tracking processor, and the scheduler of the daily analytics retention run.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnalyticsProperties.class)
@EnableScheduling
public class AnalyticsConfiguration {

    @Bean(destroyMethod = "close")
    Producer<String, String> ledgerProducer(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties(null));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "kizuna-ledger-stream");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }

    /** Created at start-up (if missing) so the indexer's subscription finds it at once. */
    @Bean
    org.apache.kafka.clients.admin.NewTopic ledgerTopic(AnalyticsProperties properties) {
        return new org.apache.kafka.clients.admin.NewTopic(properties.topic(), properties.topicPartitions(),
                properties.topicReplicas());
    }

    /** Fails the start when the key is missing: analytics must never fall back to indexing member ids. */
    @Bean
    MemberPseudonyms memberPseudonyms(AnalyticsProperties properties) {
        return MemberPseudonyms.fromBase64(properties.pseudonymKey());
    }

    @Bean(destroyMethod = "close")
    ElasticsearchClient elasticsearchClient(AnalyticsProperties properties) {
        return ElasticsearchClient.of(b -> b.host(properties.elasticsearchUrl()));
    }

    /**
     * One tracking processor starting at the first stored event (tail token), batches of 100: the
     * integration stream must carry history that existed before the publisher first ran.
     */
    @Autowired
    void ledgerStreamProcessor(EventProcessingConfigurer configurer) {
        configurer.registerTrackingEventProcessor(LedgerStreamPublisher.PROCESSING_GROUP,
                org.axonframework.config.Configuration::eventStore,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(100)
                        .andInitialTrackingToken(source -> source.createTailToken()));
    }
}
