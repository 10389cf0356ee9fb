package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the member's sealed profile; validated and sealed by {@link ProfileService} before. */
public record UpdateProfileCommand(@TargetAggregateIdentifier MemberId memberId, SealedPersonalData personalData,
                                   boolean emailChanged) {
}
