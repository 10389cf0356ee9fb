package io.kizuna.api.grant;

import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** RFC 8628 §3.3: the signed-in member's decision on the verification page. */
public record DecideDeviceAuthorizationCommand(@TargetAggregateIdentifier GrantId grantId,
                                               MemberId memberId,
                                               boolean approved,
                                               List<String> amr,
                                               Instant authTime) {
}
