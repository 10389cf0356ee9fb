package io.kizuna.signingkey;

import java.security.GeneralSecurityException;

/**
 * Encrypts signing keys' private parts at rest (in the ledger and in the {@code signing_key} table). The
 * default, {@link MasterKeyEncryption}, uses the master key from configuration; a cloud KMS plugs in by
 * providing another bean of this type (an envelope scheme: KMS-wrapped data key + AES-GCM, or the KMS's
 * own encrypt/decrypt). {@link #scheme()} is recorded with every key, so keys encrypted under an older
 * scheme stay readable while new ones use the new one.
 */
public interface KeyEncryption {

    /** A stable name of this scheme and its key version, e.g. {@code master-key/aes-256-gcm/v1}. */
    String scheme();

    /** Encrypts {@code plaintext}, binding it to {@code associatedData} (the key's {@code kid}). */
    byte[] encrypt(byte[] plaintext, byte[] associatedData);

    /**
     * Decrypts what {@link #encrypt} produced under {@code scheme}; throws when the scheme is unknown to
     * this implementation, the key is wrong, or the ciphertext or associated data were altered.
     */
    byte[] decrypt(String scheme, byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException;
}
