package io.kizuna.api.client;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a client's metadata (RFC 7592 §2.2); type and authentication method stay as registered.
 * {@code jwksUri}: the client's key set URL when it has no {@code jwks} (RFC 7591 §2).
 */
public record UpdateClientCommand(@TargetAggregateIdentifier ClientId clientId,
                                  String name,
                                  String tokenEndpointAuthMethod,
                                  List<String> redirectUris,
                                  List<String> grantTypes,
                                  List<String> scopes,
                                  String siteUri,
                                  String accessTokenFormat,
                                  String jwks,
                                  String jwksUri) {
    public UpdateClientCommand(ClientId clientId, String name, String tokenEndpointAuthMethod,
                               List<String> redirectUris, List<String> grantTypes, List<String> scopes,
                               String siteUri, String accessTokenFormat, String jwks) {
        this(clientId, name, tokenEndpointAuthMethod, redirectUris, grantTypes, scopes, siteUri, accessTokenFormat,
                jwks, null);
    }
}
