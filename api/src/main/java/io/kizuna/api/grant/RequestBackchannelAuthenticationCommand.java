package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** CIBA Core 1.0 §7.1–7.3: start a backchannel authentication for an identified member. */
public record RequestBackchannelAuthenticationCommand(@TargetAggregateIdentifier GrantId grantId,
                                                      ClientId clientId,
                                                      MemberId memberId,
                                                      String authReqIdHash,
                                                      List<String> scopes,
                                                      List<String> acrValues,
                                                      String deliveryMode,
                                                      int intervalSeconds,
                                                      Instant expiresAt) {
}
