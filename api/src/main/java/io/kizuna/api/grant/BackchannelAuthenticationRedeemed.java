package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The client exchanged the approved {@code auth_req_id} for tokens, once (CIBA Core 1.0 §10.1, §11). */
@LedgerEventType("grant.backchannel_authentication.redeemed")
@Revision("1")
public record BackchannelAuthenticationRedeemed(GrantId grantId, ClientId clientId, String authReqIdHash,
                                                Instant redeemedAt) implements GrantEvent {
}
