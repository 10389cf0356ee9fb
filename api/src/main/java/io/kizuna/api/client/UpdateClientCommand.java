package io.kizuna.api.client;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a client's metadata (RFC 7592 §2.2); type and authentication method stay as registered. */
public record UpdateClientCommand(@TargetAggregateIdentifier ClientId clientId,
                                  String name,
                                  String tokenEndpointAuthMethod,
                                  List<String> redirectUris,
                                  List<String> grantTypes,
                                  List<String> scopes,
                                  String siteUri,
                                  String accessTokenFormat,
                                  String jwks) {
}
