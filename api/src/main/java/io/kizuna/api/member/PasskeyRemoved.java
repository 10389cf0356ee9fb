package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The member removed one of their WebAuthn credentials; it no longer signs them in. */
@LedgerEventType("member.passkey.removed")
@Revision("1")
public record PasskeyRemoved(MemberId memberId, String credentialId, Instant removedAt) implements MemberEvent {
}
