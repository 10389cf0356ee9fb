package io.kizuna.api.consent;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member approves {@code scopes} for a client. One consent aggregate per (member, client). */
public record GrantConsentCommand(@TargetAggregateIdentifier String consentId,
                                  MemberId memberId,
                                  ClientId clientId,
                                  List<String> scopes) {

    /** The consent aggregate id of a (member, client) pair. */
    public static String consentIdOf(MemberId memberId, ClientId clientId) {
        return memberId.value() + "/" + clientId.value();
    }
}
