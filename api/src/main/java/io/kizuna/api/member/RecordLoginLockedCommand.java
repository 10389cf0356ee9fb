package io.kizuna.api.member;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the sign-in throttle paused this member's password sign-in until {@code lockedUntil}. */
public record RecordLoginLockedCommand(@TargetAggregateIdentifier MemberId memberId,
                                       int failures,
                                       Instant lockedUntil,
                                       SealedPersonalData context) {
}
