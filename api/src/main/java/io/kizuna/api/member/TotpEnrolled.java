package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The member enrolled a TOTP authenticator (replacing any earlier one). */
@LedgerEventType("member.totp.enrolled")
@Revision("1")
public record TotpEnrolled(MemberId memberId,
                           SealedPersonalData sealedSecret,
                           List<String> recoveryCodeHashes,
                           Instant enrolledAt) implements MemberEvent {
}
