package io.kizuna.protocol.oauth2.device;

import io.kizuna.crypto.MasterKey;
import io.kizuna.crypto.TokenHashes;
import org.springframework.stereotype.Component;

/**
 * Keyed hash of a user code (RFC 8628 §6.1), as kept in the ledger and the lookup. A user code has only
 * about 35 bits, so a plain digest could be reversed by trying every code; under a sub-key of the
 * master key the stored value reveals nothing without that key.
 */
@Component
public class UserCodeHasher {
    private final byte[] key;

    public UserCodeHasher(MasterKey masterKey) {
        this.key = masterKey.derive("kizuna/device-user-code/v1");
    }

    /** The hash of a canonical user code ({@link UserCodes#normalize}). */
    public String hash(String canonical) {
        return TokenHashes.hmac(key, canonical);
    }
}
