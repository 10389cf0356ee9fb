package io.kizuna.query;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The read models that a protocol answer depends on right after a write (a token is introspectable
 * the instant it is returned) run as a subscribing processor in the appending transaction; a failure
 * there rolls the append back instead of leaving the read model behind the ledger.
 */
@Configuration(proxyBeanMethods = false)
public class QuerySideConfiguration {
    public static final String READ_YOUR_WRITES = "read-your-writes";

    @Autowired
    void readYourWrites(EventProcessingConfigurer configurer) {
        configurer.registerSubscribingEventProcessor(READ_YOUR_WRITES);
        configurer.registerListenerInvocationErrorHandler(READ_YOUR_WRITES, c -> PropagatingErrorHandler.instance());
    }
}
