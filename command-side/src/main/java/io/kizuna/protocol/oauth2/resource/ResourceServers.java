package io.kizuna.protocol.oauth2.resource;

import io.kizuna.protocol.oauth2.resource.ResourceServerProperties.ResourceServer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Scopes → resource servers → the {@code aud} of access tokens (RFC 9068 §3: "aud" identifies the
 * resource server). A token whose scopes reach configured resource servers is audience-restricted to
 * them (RFC 9700 §2.3); one without such scopes keeps the issuer as its audience (it is for UserInfo and
 * this server's own endpoints).
 */
@Component
@EnableConfigurationProperties(ResourceServerProperties.class)
public class ResourceServers {
    private final List<ResourceServer> servers;
    private final String issuer;

    public ResourceServers(ResourceServerProperties properties, io.kizuna.config.KizunaProperties kizuna) {
        this.servers = properties.resourceServers();
        this.issuer = kizuna.issuer();
    }

    /** The issuer, itself a valid resource indicator (the audience of tokens for UserInfo). */
    public String issuer() {
        return issuer;
    }

    public Optional<ResourceServer> byUri(String uri) {
        return servers.stream().filter(s -> s.uri().equals(uri)).findFirst();
    }

    /** The resource servers any of {@code scopes} reaches, in configuration order. */
    public List<String> audiencesFor(Collection<String> scopes) {
        List<String> audiences = new ArrayList<>();
        for (ResourceServer server : servers) {
            if (server.scopes().stream().anyMatch(scopes::contains)) {
                audiences.add(server.uri());
            }
        }
        return audiences;
    }

    /** Every scope of a configured resource server. */
    public Set<String> scopes() {
        Set<String> scopes = new LinkedHashSet<>();
        servers.forEach(s -> scopes.addAll(s.scopes()));
        return scopes;
    }

    /** Whether {@code clientId} is the introspecting client of the resource server {@code uri}. */
    public boolean introspects(String clientId, String uri) {
        return byUri(uri).map(s -> s.introspectingClients().contains(clientId)).orElse(false);
    }

    /** Whether {@code uri} is one of the configured resource servers. */
    public boolean known(String uri) {
        return byUri(uri).isPresent();
    }
}
