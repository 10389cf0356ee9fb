package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An administrator locked the member's sign-in: every sign-in is refused and the member's sessions end,
 * until {@link MemberUnsuspended}. {@code by} is the administrator's (pseudonymous) member id.
 */
@LedgerEventType("member.login.suspended")
@Revision("1")
public record MemberSuspended(MemberId memberId, String by, Instant at) implements MemberEvent {
}
