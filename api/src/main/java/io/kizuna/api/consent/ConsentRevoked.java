package io.kizuna.api.consent;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The member withdrew their consent for the client: {@code scopes} is what it covered until now. The
 * next authorization request of this client asks again; the client's grants are revoked with it.
 */
@LedgerEventType("consent.revoked")
@Revision("1")
public record ConsentRevoked(String consentId,
                             MemberId memberId,
                             ClientId clientId,
                             List<String> scopes,
                             Instant revokedAt) implements ConsentEvent {
}
