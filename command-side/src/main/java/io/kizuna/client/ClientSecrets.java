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
    private final ThreadLocal<javax.crypto.Mac> macs;

    public ClientSecrets(MasterKey masterKey) {
        this.key = masterKey.derive("kizuna/client-secret/v1");
        byte[] macKey = this.key;
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(macKey, "HmacSHA256"));
                return mac;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public String generate() {
        return TokenHashes.randomValue(32);
    }

    /**
     * HMAC-SHA256 under the client-secret key. The {@link javax.crypto.Mac} is initialised once per thread
     * and reused ({@code doFinal} resets it): looking the algorithm up and keying it on every token and
     * introspection request cost more than the hash itself.
     */
    public String hash(String secret) {
        javax.crypto.Mac mac = macs.get();
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }


    public boolean matches(String presented, String storedHash) {
        return presented != null && TokenHashes.sameHash(hash(presented), storedHash);
    }
}
