package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A refresh token was issued (RFC 6749 §1.5); only its hash is kept. {@code jkt}: the thumbprint of the
 * DPoP key a public client's refresh token is bound to (RFC 9449 §5), else null (additive, revision 1).
 * {@code x5tS256}: the {@code x5t#S256} of the TLS client certificate a public client's refresh token is
 * bound to (RFC 8705 §4), else null (additive too).
 */
@LedgerEventType("grant.refresh_token.issued")
@Revision("1")
public record RefreshTokenIssued(GrantId grantId,
                                 ClientId clientId,
                                 MemberId memberId,
                                 String tokenHash,
                                 List<String> scopes,
                                 Instant issuedAt,
                                 Instant expiresAt,
                                 String jkt,
                                 String x5tS256) implements GrantEvent {

    public RefreshTokenIssued(GrantId grantId, ClientId clientId, MemberId memberId, String tokenHash,
                              List<String> scopes, Instant issuedAt, Instant expiresAt, String jkt) {
        this(grantId, clientId, memberId, tokenHash, scopes, issuedAt, expiresAt, jkt, null);
    }

    public RefreshTokenIssued(GrantId grantId, ClientId clientId, MemberId memberId, String tokenHash,
                              List<String> scopes, Instant issuedAt, Instant expiresAt) {
        this(grantId, clientId, memberId, tokenHash, scopes, issuedAt, expiresAt, null);
    }
}
