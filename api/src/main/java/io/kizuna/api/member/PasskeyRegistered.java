package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The member registered a WebAuthn credential (a passkey or security key). Only public data: the credential id and the attested credential data (AAGUID, id, COSE public key), both base64url; nothing here identifies the person. */
@LedgerEventType("member.passkey.registered")
@Revision("1")
public record PasskeyRegistered(MemberId memberId, String credentialId, String attestedCredentialData, long signCount, boolean userVerified, boolean backupEligible, List<String> transports, Instant registeredAt) implements MemberEvent {
}
