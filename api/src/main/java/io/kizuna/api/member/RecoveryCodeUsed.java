package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A recovery code stood in for the TOTP code at sign-in; it cannot be used again. Only its keyed hash is recorded. */
@LedgerEventType("member.recovery_code.used")
@Revision("1")
public record RecoveryCodeUsed(MemberId memberId, String codeHash, Instant usedAt) implements MemberEvent {
}
