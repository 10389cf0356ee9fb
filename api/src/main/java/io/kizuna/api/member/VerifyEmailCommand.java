package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks the member's e-mail address verified; sent once a verification link's token was redeemed. */
public record VerifyEmailCommand(@TargetAggregateIdentifier MemberId memberId) {
}
