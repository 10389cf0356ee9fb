package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An administrator locks a member's sign-in until an administrator unlocks it (unlike the throttle's
 * {@link LoginLocked}, which ends by itself). {@code by} is the administrator's member id.
 */
public record SuspendMemberCommand(@TargetAggregateIdentifier MemberId memberId, String by) {
}
