package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An administrator unlocked the member: an administrator's lock is lifted and a throttle pause
 * ({@link LoginLocked}) is cleared. {@code by} is the administrator's (pseudonymous) member id.
 */
@LedgerEventType("member.login.unsuspended")
@Revision("1")
public record MemberUnsuspended(MemberId memberId, String by, Instant at) implements MemberEvent {
}
