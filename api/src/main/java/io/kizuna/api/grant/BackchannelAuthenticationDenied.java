package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The member denied a backchannel authentication request; the client gets {@code access_denied} (CIBA §11). */
@LedgerEventType("grant.backchannel_authentication.denied")
@Revision("1")
public record BackchannelAuthenticationDenied(GrantId grantId, ClientId clientId, MemberId memberId,
                                              Instant deniedAt) implements GrantEvent {
}
