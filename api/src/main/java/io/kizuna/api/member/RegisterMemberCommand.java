package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a member. {@code passwordHash} is an Argon2id PHC string; {@code personalData} is sealed
 * under the member's own key; {@code registeredVia} is the client id (service site) or {@code self}.
 */
public record RegisterMemberCommand(@TargetAggregateIdentifier MemberId memberId,
                                    SealedPersonalData personalData,
                                    String passwordHash,
                                    String registeredVia) {
}
