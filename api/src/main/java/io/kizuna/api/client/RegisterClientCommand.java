package io.kizuna.api.client;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers an OAuth client. {@code secretHash} is a keyed hash of the generated secret (null for
 * public clients); redirect URIs are matched exactly (RFC 9700 §2.1). {@code accessTokenFormat}:
 * {@code jwt} (RFC 9068, the default when null) or {@code opaque}.
 */
public record RegisterClientCommand(@TargetAggregateIdentifier ClientId clientId,
                                    String name,
                                    ClientType type,
                                    String secretHash,
                                    String tokenEndpointAuthMethod,
                                    List<String> redirectUris,
                                    List<String> grantTypes,
                                    List<String> scopes,
                                    String siteUri,
                                    String accessTokenFormat) {
}
