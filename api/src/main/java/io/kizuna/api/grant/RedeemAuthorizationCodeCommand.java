package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Redeems a code at the token endpoint (RFC 6749 §4.1.3). The aggregate checks the client, the
 * redirect URI, expiry, one-time use and the PKCE verifier (RFC 7636 §4.6); a second redemption
 * revokes the grant (RFC 9700 §4.5). {@code withRefreshToken}: the client may hold refresh tokens;
 * {@code accessTokenFormat}: the client's registered format ({@code jwt} or {@code opaque}); {@code dpopJkt}:
 * the key thumbprint of the request's DPoP proof, which must match a code bound by {@code dpop_jkt}
 * (RFC 9449 §10).
 */
public record RedeemAuthorizationCodeCommand(@TargetAggregateIdentifier GrantId grantId,
                                             ClientId clientId,
                                             String codeHash,
                                             String redirectUri,
                                             String codeVerifier,
                                             boolean withRefreshToken,
                                             String accessTokenFormat,
                                             String dpopJkt) {

    public RedeemAuthorizationCodeCommand(GrantId grantId, ClientId clientId, String codeHash, String redirectUri,
                                          String codeVerifier, boolean withRefreshToken, String accessTokenFormat) {
        this(grantId, clientId, codeHash, redirectUri, codeVerifier, withRefreshToken, accessTokenFormat, null);
    }
}
