package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes one of the member's WebAuthn credentials. */
public record RemovePasskeyCommand(@TargetAggregateIdentifier MemberId memberId, String credentialId) {
}
