package io.kizuna.api.grant;

import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The member's decision on their authentication device (CIBA Core 1.0 §1): only the member asked may decide. */
public record DecideBackchannelAuthenticationCommand(@TargetAggregateIdentifier GrantId grantId,
                                                     MemberId memberId,
                                                     boolean approved,
                                                     List<String> amr,
                                                     Instant authTime) {
}
