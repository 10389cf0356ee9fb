package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An administrator removes the member's TOTP authenticator and recovery codes (a lost phone); the member
 * enrols again in the account console. {@code by} is the administrator's member id.
 */
public record ResetSecondFactorCommand(@TargetAggregateIdentifier MemberId memberId, String by) {
}
