package io.kizuna.config;

import io.kizuna.crypto.MasterKey;
import io.kizuna.ledger.DuplicateKeyResolver;
import java.time.Clock;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the command side: clock, master key, and the error policy of its in-transaction lookups. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KizunaProperties.class)
public class CommandSideConfiguration {

    /** Processing group of the lookups that must be written in the same transaction as the event. */
    public static final String COMMAND_LOOKUPS = "command-lookups";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    MasterKey masterKey(KizunaProperties properties) {
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return MasterKey.ofBase64(properties.masterKey());
        }
        if (properties.masterKeyFile() != null) {
            return MasterKey.fromFile(properties.masterKeyFile());
        }
        throw new IllegalStateException("Set kizuna.master-key (base64 of 32 random bytes) or kizuna.master-key-file");
    }

    /** Replaces Axon's default, which misses PostgreSQL's unique violations (see {@link DuplicateKeyResolver}). */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeyResolver();
    }

    /**
     * A failure in an in-transaction lookup (e.g. a duplicate login) must roll back the event append,
     * not be logged and ignored as Axon does by default.
     */
    @Autowired
    void propagateLookupErrors(EventProcessingConfigurer configurer) {
        configurer.registerSubscribingEventProcessor(COMMAND_LOOKUPS);
        configurer.registerListenerInvocationErrorHandler(COMMAND_LOOKUPS, c -> PropagatingErrorHandler.instance());
    }
}
