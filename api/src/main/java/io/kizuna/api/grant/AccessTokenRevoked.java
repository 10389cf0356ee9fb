package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * One access token stopped working before its expiry; the rest of the grant (its refresh token, other
 * access tokens) is untouched (RFC 7009 §2.1: revoking an access token need not revoke the grant).
 * {@code reason}: {@code revoked_by_client}, …
 */
@LedgerEventType("grant.access_token.revoked")
@Revision("1")
public record AccessTokenRevoked(GrantId grantId,
                                 ClientId clientId,
                                 MemberId memberId,
                                 String tokenHash,
                                 String jti,
                                 String reason,
                                 Instant revokedAt) implements GrantEvent {
}
