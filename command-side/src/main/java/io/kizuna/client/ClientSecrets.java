package io.kizuna.client;

import io.kizuna.crypto.MasterKey;
import io.kizuna.crypto.TokenHashes;
import org.springframework.stereotype.Component;

/**
 * Client secrets are generated with 256 bits of entropy and stored as HMAC-SHA256 under a sub-key of
 * the master key: as safe as a slow hash for such secrets, at microseconds per token request.
 */
@Component
public class ClientSecrets {
    private final byte[] key;

    public ClientSecrets(MasterKey masterKey) {
        this.key = masterKey.derive("kizuna/client-secret/v1");
    }

    public String generate() {
        return TokenHashes.randomValue(32);
    }

    public String hash(String secret) {
        return TokenHashes.hmac(key, secret);
    }

    public boolean matches(String presented, String storedHash) {
        return presented != null && TokenHashes.sameHash(hash(presented), storedHash);
    }
}
