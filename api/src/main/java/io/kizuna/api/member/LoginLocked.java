package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Password sign-in of this member is paused: {@code failures} wrong passwords filled the throttle's
 * window, so attempts are refused until {@code lockedUntil}, when the pause ends by itself.
 * {@code context} (source address, user agent of the attempt that filled it) is sealed.
 */
@LedgerEventType("member.login.locked")
@Revision("1")
public record LoginLocked(MemberId memberId,
                          int failures,
                          Instant lockedUntil,
                          SealedPersonalData context,
                          Instant at) implements MemberEvent {
}
