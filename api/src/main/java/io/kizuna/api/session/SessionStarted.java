package io.kizuna.api.session;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A single sign-on session began; it serves every service site until it ends or expires. */
@LedgerEventType("session.started")
@Revision("1")
public record SessionStarted(String sessionId,
                             MemberId memberId,
                             String secretHash,
                             List<String> amr,
                             String acr,
                             String clientId,
                             Instant startedAt,
                             Instant expiresAt) implements SessionEvent {
}
