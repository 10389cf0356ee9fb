package io.kizuna.api.member;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a successful sign-in that opened browser session {@code sessionId}; {@code policy} is the
 * authentication policy's reason for the factors it asked (may be null).
 */
public record RecordLoginSucceededCommand(@TargetAggregateIdentifier MemberId memberId,
                                          String sessionId,
                                          String clientId,
                                          List<String> amr,
                                          String acr,
                                          SealedPersonalData context,
                                          String policy,
                                          String region) {

    public RecordLoginSucceededCommand(MemberId memberId, String sessionId, String clientId, List<String> amr,
                                       String acr, SealedPersonalData context) {
        this(memberId, sessionId, clientId, amr, acr, context, null, null);
    }
}
