package io.kizuna.api.client;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers an OAuth client. {@code secretHash} is a keyed hash of the generated secret (null for
 * public clients); redirect URIs are matched exactly (RFC 9700 §2.1). {@code accessTokenFormat}:
 * {@code jwt} (RFC 9068, the default when null) or {@code opaque}. {@code jwks}: the public JWK set
 * (JSON) a {@code private_key_jwt} client signs its assertions with (RFC 7523 §2.2, RFC 7591 §2), or
 * {@code jwksUri}: where it publishes them instead (RFC 7591 §2; recorded by the client's
 * {@code client.response_protection.changed} in the same transaction).
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
                                    String accessTokenFormat,
                                    String jwks,
                                    String jwksUri) {
    public RegisterClientCommand(ClientId clientId, String name, ClientType type, String secretHash,
                                 String tokenEndpointAuthMethod, List<String> redirectUris, List<String> grantTypes,
                                 List<String> scopes, String siteUri, String accessTokenFormat, String jwks) {
        this(clientId, name, type, secretHash, tokenEndpointAuthMethod, redirectUris, grantTypes, scopes, siteUri,
                accessTokenFormat, jwks, null);
    }
}
