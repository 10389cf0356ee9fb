package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The member approved a device's request on the verification page (RFC 8628 §3.3). */
@LedgerEventType("grant.device_authorization.approved")
@Revision("1")
public record DeviceAuthorizationApproved(GrantId grantId,
                                          ClientId clientId,
                                          MemberId memberId,
                                          List<String> amr,
                                          Instant authTime,
                                          Instant approvedAt) implements GrantEvent {
}
