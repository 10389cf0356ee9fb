package io.kizuna.signingkey;

import io.kizuna.crypto.Aead;
import io.kizuna.crypto.MasterKey;
import java.security.GeneralSecurityException;

/**
 * AES-256-GCM under the sub-key {@code kizuna/signing-key-wrap/v1} of the master key, the {@code kid} as
 * associated data (a sealed key cannot be swapped onto another kid). The same sealing the signing-key
 * table used before keys were ledger events, so keys created then stay readable.
 */
public final class MasterKeyEncryption implements KeyEncryption {
    public static final String SCHEME = "master-key/aes-256-gcm/v1";
    private final byte[] wrapKey;

    public MasterKeyEncryption(MasterKey masterKey) {
        this.wrapKey = masterKey.derive("kizuna/signing-key-wrap/v1");
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        return Aead.seal(wrapKey, plaintext, associatedData);
    }

    @Override
    public byte[] decrypt(String scheme, byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        if (scheme != null && !SCHEME.equals(scheme)) {
            throw new GeneralSecurityException("keys encrypted under " + scheme + " need that key-encryption scheme");
        }
        return Aead.open(wrapKey, ciphertext, associatedData);
    }
}
