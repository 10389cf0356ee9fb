package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A sign-in of a known member was refused; {@code region} as in {@link LoginSucceeded}. */
@LedgerEventType("member.login.failed")
@Revision("1")
public record LoginFailed(MemberId memberId,
                          String clientId,
                          String reason,
                          SealedPersonalData context,
                          Instant at,
                          String region) implements MemberEvent {
    /** Additive field (revision 1 grows): {@code region} is absent from earlier events and reads as null. */
    public LoginFailed(MemberId memberId, String clientId, String reason, SealedPersonalData context, Instant at) {
        this(memberId, clientId, reason, context, at, null);
    }
}
