package io.kizuna.analytics.index;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Member id → pseudonym, HMAC-SHA-256 under a key only Kizuna holds. Analytics can count and join a
 * member's events across services, but Elasticsearch (and whoever reads it or its snapshots) cannot
 * turn a pseudonym back into the member id: a plain hash of a member id could be recomputed by anyone
 * holding a member id list, a keyed one cannot. Rotating the key starts new pseudonyms (history
 * before the rotation no longer joins), which is also how an operator unlinks old analytics.
 */
public final class MemberPseudonyms {
    static final int MIN_KEY_BYTES = 32;
    private final SecretKeySpec key;

    private MemberPseudonyms(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * @throws IllegalStateException naming the setting when it is missing, not base64 or too short, so a
     *                               production start without it fails at once instead of indexing ids
     */
    public static MemberPseudonyms fromBase64(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException("kizuna.analytics.pseudonym-key (KIZUNA_ANALYTICS_PSEUDONYM_KEY) is not set: "
                    + "analytics needs a secret base64 key of at least " + MIN_KEY_BYTES
                    + " bytes to pseudonymise member ids, e.g. `openssl rand -base64 32`");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("kizuna.analytics.pseudonym-key is not valid base64", e);
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("kizuna.analytics.pseudonym-key must decode to at least " + MIN_KEY_BYTES
                    + " bytes (it has " + key.length + ")");
        }
        return new MemberPseudonyms(key);
    }

    /** 128 bits of the HMAC, base64url: short enough for keyword fields, collisions negligible. */
    public String of(String memberId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(memberId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
