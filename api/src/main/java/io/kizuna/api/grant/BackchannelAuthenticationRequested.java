package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A client asked the member to authenticate on their own device (OpenID Connect CIBA Core 1.0 §7, §7.3):
 * the {@code auth_req_id} is recorded as SHA-256 only; the member is named by id (the hint that found them,
 * e-mail or ID token, is not recorded); {@code acrValues} are the levels the client asked for; the client
 * learns the outcome by polling or by a ping ({@code deliveryMode}, §5) and may poll every
 * {@code intervalSeconds} until {@code expiresAt}. The binding message and the client notification token
 * are kept outside the ledger (free text and a credential of the client's).
 */
@LedgerEventType("grant.backchannel_authentication.requested")
@Revision("1")
public record BackchannelAuthenticationRequested(GrantId grantId,
                                                 ClientId clientId,
                                                 MemberId memberId,
                                                 String authReqIdHash,
                                                 List<String> scopes,
                                                 List<String> acrValues,
                                                 String deliveryMode,
                                                 int intervalSeconds,
                                                 Instant requestedAt,
                                                 Instant expiresAt) implements GrantEvent {
}
