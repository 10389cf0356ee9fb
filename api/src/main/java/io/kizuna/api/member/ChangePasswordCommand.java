package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the password; {@code passwordHash} is an Argon2id PHC string, checked and hashed beforehand. */
public record ChangePasswordCommand(@TargetAggregateIdentifier MemberId memberId, String passwordHash,
                                    String changedVia) {
}
