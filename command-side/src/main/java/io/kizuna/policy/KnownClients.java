package io.kizuna.policy;

import io.kizuna.client.ClientRegistry;
import org.springframework.stereotype.Component;

/**
 * Which client ids the policy may name: registered and not deleted. A bean of its own so that the policy
 * aggregate's command handler gets it injected (and its unit test a stand-in).
 */
@Component
public class KnownClients {
    private final ClientRegistry registry;

    public KnownClients(ClientRegistry registry) {
        this.registry = registry;
    }

    public boolean isLive(String clientId) {
        return registry.find(clientId).isPresent();
    }
}
