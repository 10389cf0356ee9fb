package io.kizuna.api.member;

import java.time.Instant;
import java.util.List;

/**
 * WebAuthn (W3C Web Authentication Level 3) credentials in the account console: registration ceremony
 * (§7.1) and removal. Options and responses travel as the JSON of {@code PublicKeyCredentialCreationOptionsJSON}
 * and {@code RegistrationResponseJSON} (§5.1.8, §5.4).
 */
public interface PasskeyService {

    /**
     * Creation options with a fresh one-time challenge (5 minutes) bound to this member, as JSON for
     * {@code navigator.credentials.create()}. Already registered credentials are excluded.
     */
    String registrationOptions(MemberId memberId);

    /**
     * Verifies the registration response (challenge, origin, RP ID hash, user presence, attestation
     * format) and records {@code member.passkey.registered}; false (nothing recorded) when anything is wrong.
     */
    boolean register(MemberId memberId, String registrationResponseJson);

    List<Passkey> list(MemberId memberId);

    /** Records {@code member.passkey.removed}; false when the member has no such credential. */
    boolean remove(MemberId memberId, String credentialId);

    /**
     * @param authenticatorKind {@code hwk} for a device-bound key, {@code swk} for a synced (backup
     *                          eligible) passkey: the RFC 8176 amr value a sign-in with it yields
     */
    record Passkey(String credentialId, String authenticatorKind, Instant registeredAt, Instant lastUsedAt) {
    }
}
