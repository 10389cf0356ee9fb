package io.kizuna.protocol.oauth2.resource;

import io.kizuna.client.RegisteredClient;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.error.OAuthException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.Supplier;

/**
 * RFC 8707 resource indicators at the token endpoint: every {@code resource} parameter must be an
 * absolute URI without fragment (§2) naming a configured resource server that the client's registered
 * scopes reach; otherwise {@code invalid_target} (§2). The access token minted for the request is then
 * audience-restricted to exactly those resources (§2.2). The indicators travel to the token minter for
 * the duration of the synchronous command ({@link #during}).
 */
public final class ResourceIndicators {
    public static final String INVALID_TARGET = "invalid_target";
    private static final ThreadLocal<List<String>> REQUESTED = new ThreadLocal<>();

    private ResourceIndicators() {
    }

    public static List<String> parse(OAuthParameters parameters, RegisteredClient client, ResourceServers servers) {
        List<String> resources = parameters.all("resource");
        for (String resource : resources) {
            URI uri;
            try {
                uri = new URI(resource);
            } catch (URISyntaxException e) {
                throw invalidTarget("resource must be an absolute URI (RFC 8707 §2)");
            }
            if (!uri.isAbsolute() || uri.getFragment() != null) {
                throw invalidTarget("resource must be an absolute URI without a fragment (RFC 8707 §2)");
            }
            if (resource.equals(servers.issuer())) {
                continue; // this server itself: UserInfo and its own endpoints
            }
            var server = servers.byUri(resource).orElseThrow(() -> invalidTarget("unknown resource " + resource));
            if (server.scopes().stream().noneMatch(client.scopes()::contains)) {
                throw invalidTarget("this client may not obtain tokens for " + resource);
            }
        }
        return resources;
    }

    /** Runs {@code work} (the grant's command) with the requested resources visible to the minter. */
    public static <T> T during(List<String> resources, Supplier<T> work) {
        if (resources.isEmpty()) {
            return work.get();
        }
        REQUESTED.set(List.copyOf(resources));
        try {
            return work.get();
        } finally {
            REQUESTED.remove();
        }
    }

    /** The resources of the token request being handled on this thread; empty when none were requested. */
    public static List<String> requested() {
        List<String> resources = REQUESTED.get();
        return resources == null ? List.of() : resources;
    }

    private static OAuthException invalidTarget(String description) {
        return new OAuthException(400, INVALID_TARGET, description);
    }
}
