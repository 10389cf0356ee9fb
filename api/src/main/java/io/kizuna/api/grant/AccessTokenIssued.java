package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An access token was issued (RFC 6749 §5.1). {@code memberId} is null for client-credentials
 * tokens; {@code format} is {@code jwt} (RFC 9068) or {@code opaque}. {@code jkt}: the RFC 7638
 * thumbprint of the DPoP key the token is bound to (RFC 9449 §6), null for a Bearer token and in
 * events recorded before DPoP existed (an additive field, so still revision 1). {@code x5tS256}: the
 * {@code x5t#S256} thumbprint (base64url SHA-256 of the DER) of the TLS client certificate the token is
 * bound to (RFC 8705 §3.1) — a hash of a machine's certificate, not personal data — null when unbound
 * (additive as well).
 */
@LedgerEventType("grant.access_token.issued")
@Revision("1")
public record AccessTokenIssued(GrantId grantId,
                                ClientId clientId,
                                MemberId memberId,
                                String grantType,
                                String format,
                                String tokenHash,
                                String jti,
                                List<String> scopes,
                                String audience,
                                Instant issuedAt,
                                Instant expiresAt,
                                String jkt,
                                String x5tS256) implements GrantEvent {

    public AccessTokenIssued(GrantId grantId, ClientId clientId, MemberId memberId, String grantType, String format,
                             String tokenHash, String jti, List<String> scopes, String audience, Instant issuedAt,
                             Instant expiresAt, String jkt) {
        this(grantId, clientId, memberId, grantType, format, tokenHash, jti, scopes, audience, issuedAt, expiresAt,
                jkt, null);
    }

    public AccessTokenIssued(GrantId grantId, ClientId clientId, MemberId memberId, String grantType, String format,
                             String tokenHash, String jti, List<String> scopes, String audience, Instant issuedAt,
                             Instant expiresAt) {
        this(grantId, clientId, memberId, grantType, format, tokenHash, jti, scopes, audience, issuedAt, expiresAt,
                null);
    }
}
