package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An administrator unlocks a member: lifts an administrator's lock and clears the sign-in throttle's
 * pause ({@link LoginLocked}) for the member's login. {@code by} is the administrator's member id.
 */
public record UnsuspendMemberCommand(@TargetAggregateIdentifier MemberId memberId, String by) {
}
