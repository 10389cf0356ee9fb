package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An access token was issued (RFC 6749 §5.1). {@code memberId} is null for client-credentials
 * tokens; {@code format} is {@code jwt} (RFC 9068) or {@code opaque}.
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
                                Instant expiresAt) implements GrantEvent {
}
