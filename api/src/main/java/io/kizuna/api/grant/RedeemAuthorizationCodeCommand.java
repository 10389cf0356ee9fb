package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Redeems a code at the token endpoint (RFC 6749 §4.1.3). The aggregate checks the client, the
 * redirect URI, expiry, one-time use and the PKCE verifier; a second redemption revokes the grant.
 * {@code refreshToken} is null when the client may not hold one.
 */
public record RedeemAuthorizationCodeCommand(@TargetAggregateIdentifier GrantId grantId,
                                             ClientId clientId,
                                             String codeHash,
                                             String redirectUri,
                                             String codeVerifier,
                                             IssuedToken accessToken,
                                             IssuedToken refreshToken) {
}
