package io.kizuna.api.session;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The session ended before its expiry: the member signed out, here or from the account console. */
@LedgerEventType("session.ended")
@Revision("1")
public record SessionEnded(String sessionId, MemberId memberId, String reason, Instant endedAt)
        implements SessionEvent {
}
