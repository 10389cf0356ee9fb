package io.kizuna.protocol.oauth2.resource;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kizuna.oauth.resource-servers}: the protected resources this server issues access tokens for.
 * Each has a {@code uri} (its RFC 8707 resource indicator and the {@code aud} of tokens meant for it),
 * the {@code scopes} that reach it, and the {@code introspecting-clients}: the client ids the resource
 * server authenticates with at the introspection endpoint.
 *
 * <pre>
 * kizuna.oauth.resource-servers[0].uri=https://api.kizuna.example
 * kizuna.oauth.resource-servers[0].scopes=api:read,api:write
 * kizuna.oauth.resource-servers[0].introspecting-clients=api-gateway
 * </pre>
 */
@ConfigurationProperties(prefix = "kizuna.oauth")
public record ResourceServerProperties(List<ResourceServer> resourceServers) {
    public ResourceServerProperties {
        resourceServers = resourceServers == null ? List.of() : List.copyOf(resourceServers);
    }

    public record ResourceServer(String uri, List<String> scopes, List<String> introspectingClients) {
        public ResourceServer {
            if (uri == null || uri.isBlank()) {
                throw new IllegalArgumentException("kizuna.oauth.resource-servers[].uri is required");
            }
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
            introspectingClients = introspectingClients == null ? List.of() : List.copyOf(introspectingClients);
        }
    }
}
