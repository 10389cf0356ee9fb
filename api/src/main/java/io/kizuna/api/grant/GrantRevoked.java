package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Every token of the grant stops working. {@code reason}: {@code code_replay}, {@code refresh_reuse}, … */
@LedgerEventType("grant.revoked")
@Revision("1")
public record GrantRevoked(GrantId grantId,
                           ClientId clientId,
                           MemberId memberId,
                           String reason,
                           Instant revokedAt) implements GrantEvent {
}
