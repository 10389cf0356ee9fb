package io.kizuna.api.member;

import java.util.Optional;

/**
 * Seals and opens personal data with a per-member data key. Implementations keep the keys outside
 * the ledger so that {@link #forget(MemberId)} can destroy them.
 */
public interface PersonalDataVault {

    /** Creates the member's data key if missing and seals {@code plaintext} (UTF-8 JSON or text). */
    SealedPersonalData seal(MemberId memberId, byte[] plaintext);

    /** Opens sealed data; empty when the member's key was destroyed. */
    Optional<byte[]> open(MemberId memberId, SealedPersonalData sealed);

    /** Destroys the member's key: everything sealed with it becomes unrecoverable. */
    void forget(MemberId memberId);
}
