package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An assertion carried a signature counter that did not grow (W3C WebAuthn Level 3 §6.1.1): the authenticator may have been cloned. The sign-in was refused. */
@LedgerEventType("member.passkey.clone_suspected")
@Revision("1")
public record PasskeyCloneSuspected(MemberId memberId, String credentialId, long storedSignCount, long presentedSignCount, Instant detectedAt) implements MemberEvent {
}
