package io.kizuna.api.token;

import java.time.Instant;
import java.util.List;

/**
 * What the token-lookup read model knows of one token. {@code tokenType}: access or refresh. {@code jkt}:
 * the RFC 7638 thumbprint of the DPoP key the token is bound to (RFC 9449 §6), null for a Bearer token.
 * {@code x5tS256}: the {@code x5t#S256} of the TLS client certificate the token is bound to (RFC 8705 §3),
 * else null.
 */
public record TokenView(String tokenHash,
                        String tokenType,
                        String grantId,
                        String clientId,
                        String memberId,
                        String jti,
                        List<String> scopes,
                        String audience,
                        Instant issuedAt,
                        Instant expiresAt,
                        boolean revoked,
                        String jkt,
                        String x5tS256) {

    public TokenView(String tokenHash, String tokenType, String grantId, String clientId, String memberId, String jti,
                     List<String> scopes, String audience, Instant issuedAt, Instant expiresAt, boolean revoked,
                     String jkt) {
        this(tokenHash, tokenType, grantId, clientId, memberId, jti, scopes, audience, issuedAt, expiresAt, revoked,
                jkt, null);
    }

    public TokenView(String tokenHash, String tokenType, String grantId, String clientId, String memberId, String jti,
                     List<String> scopes, String audience, Instant issuedAt, Instant expiresAt, boolean revoked) {
        this(tokenHash, tokenType, grantId, clientId, memberId, jti, scopes, audience, issuedAt, expiresAt, revoked,
                null);
    }

    public boolean activeAt(Instant now) {
        return !revoked && expiresAt.isAfter(now);
    }
}
