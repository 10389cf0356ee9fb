package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A member signed in for {@code clientId} with the factors in {@code amr} (RFC 8176 values),
 * opening session {@code sessionId}. {@code context} (source address, user agent) is sealed.
 */
@LedgerEventType("member.login.succeeded")
@Revision("1")
public record LoginSucceeded(MemberId memberId,
                             String sessionId,
                             String clientId,
                             List<String> amr,
                             String acr,
                             SealedPersonalData context,
                             Instant at) implements MemberEvent {
}
