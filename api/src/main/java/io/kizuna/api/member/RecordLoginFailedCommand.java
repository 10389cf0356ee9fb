package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a refused sign-in of a known member; {@code reason} is a stable code such as {@code bad_password}. */
public record RecordLoginFailedCommand(@TargetAggregateIdentifier MemberId memberId,
                                       String clientId,
                                       String reason,
                                       SealedPersonalData context,
                                       String region) {
    public RecordLoginFailedCommand(MemberId memberId, String clientId, String reason, SealedPersonalData context) {
        this(memberId, clientId, reason, context, null);
    }
}
