package io.kizuna.api.consent;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The member approved {@code scopes} for the client; {@code allScopes} is what the consent now covers. */
@LedgerEventType("consent.granted")
@Revision("1")
public record ConsentGranted(String consentId,
                             MemberId memberId,
                             ClientId clientId,
                             List<String> scopes,
                             List<String> allScopes,
                             Instant grantedAt) implements ConsentEvent {
}
