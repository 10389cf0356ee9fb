package io.kizuna.api.consent;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The member withdraws every scope they approved for a client (account console). */
public record RevokeConsentCommand(@TargetAggregateIdentifier String consentId,
                                   MemberId memberId,
                                   ClientId clientId) {
}
