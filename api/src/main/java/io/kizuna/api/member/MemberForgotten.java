package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The member's data key {@code keyId} was destroyed: their personal data in earlier events, read models
 * and the integration stream can no longer be opened. Holds only pseudonymous identifiers, so the fact
 * of forgetting itself stays auditable without revealing whom it concerned.
 */
@LedgerEventType("member.forgotten")
@Revision("1")
public record MemberForgotten(MemberId memberId,
                              String keyId,
                              String requestedVia,
                              Instant forgottenAt) implements MemberEvent {
}
