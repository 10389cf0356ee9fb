package io.kizuna.ledger.seal;

import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sealer's tracking processor: one thread, one segment (a hash chain has a single writer), starting
 * at the first stored event (tail) so that history written before sealing existed is sealed too, in
 * batches of 100 (at 1, tracking processors fall behind on this hardware; see INFRA notes).
 */
@Configuration(proxyBeanMethods = false)
public class LedgerSealConfiguration {

    @Autowired
    void ledgerSealProcessor(EventProcessingConfigurer configurer) {
        configurer.registerTrackingEventProcessor(LedgerSealer.PROCESSING_GROUP,
                org.axonframework.config.Configuration::eventStore,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1)
                        .andBatchSize(100)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken));
    }

    @Bean
    LedgerVerifier ledgerVerifier(DataSource dataSource) {
        return new LedgerVerifier(dataSource);
    }
}
