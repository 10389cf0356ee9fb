package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Spends one recovery code (its keyed hash); refused when the code is unknown or spent. */
public record UseRecoveryCodeCommand(@TargetAggregateIdentifier MemberId memberId, String codeHash) {
}
