package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A sign-in of a known member was refused. */
@LedgerEventType("member.login.failed")
@Revision("1")
public record LoginFailed(MemberId memberId,
                          String clientId,
                          String reason,
                          SealedPersonalData context,
                          Instant at) implements MemberEvent {
}
