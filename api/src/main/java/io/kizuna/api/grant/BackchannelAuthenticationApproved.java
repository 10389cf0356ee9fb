package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The member authenticated on their device and approved a backchannel authentication request (CIBA Core
 * 1.0 §1, §10): {@code amr} and {@code authTime} are those of the session that approved, for the ID token.
 */
@LedgerEventType("grant.backchannel_authentication.approved")
@Revision("1")
public record BackchannelAuthenticationApproved(GrantId grantId,
                                                ClientId clientId,
                                                MemberId memberId,
                                                List<String> amr,
                                                Instant authTime,
                                                Instant approvedAt) implements GrantEvent {
}
