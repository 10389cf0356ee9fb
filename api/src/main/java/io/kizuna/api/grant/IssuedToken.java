package io.kizuna.api.grant;

import java.time.Instant;

/**
 * A token about to be handed out, described without its value: only the SHA-256 of the value
 * ({@code tokenHash}, base64url) ever reaches the ledger. {@code format} ({@code jwt} or
 * {@code opaque}) and {@code audience} apply to access tokens and are null for refresh tokens.
 * {@code jkt} is the RFC 7638 thumbprint of the DPoP key the token is bound to (RFC 9449 §6), or null
 * for an unbound (Bearer) token. {@code x5tS256} is the {@code x5t#S256} thumbprint of the TLS client
 * certificate the token is bound to (RFC 8705 §3.1), or null.
 */
public record IssuedToken(String tokenHash, String jti, String format, String audience,
                          Instant issuedAt, Instant expiresAt, String jkt, String x5tS256) {

    public IssuedToken(String tokenHash, String jti, String format, String audience, Instant issuedAt,
                       Instant expiresAt, String jkt) {
        this(tokenHash, jti, format, audience, issuedAt, expiresAt, jkt, null);
    }

    public IssuedToken(String tokenHash, String jti, String format, String audience, Instant issuedAt,
                       Instant expiresAt) {
        this(tokenHash, jti, format, audience, issuedAt, expiresAt, null);
    }
}
