package io.kizuna.protocol.oauth2.dpop;

import io.kizuna.crypto.MasterKey;
import io.kizuna.crypto.TokenHashes;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Server-provided DPoP nonces (RFC 9449 §8, §9) without state: the nonce of a time slot is the HMAC of the
 * slot's number under a key derived from the master key, so every node issues and accepts the same values
 * and nothing is stored. The current and the previous slot's nonces are valid (§8.2 rotation: a client's
 * nonce stays good for at least one slot, and a fresh one is announced as soon as a new slot begins).
 */
@Component
public class DPoPNonces {
    private final byte[] key;
    private final Clock clock;
    private final long slotSeconds;

    public DPoPNonces(MasterKey masterKey, Clock clock, DPoPProperties properties) {
        this.key = masterKey.derive("dpop-nonce");
        this.clock = clock;
        this.slotSeconds = Math.max(1, properties.nonceLifetime().toSeconds());
    }

    /** The nonce a client should use now (sent in {@code DPoP-Nonce}). */
    public String current() {
        return ofSlot(slot());
    }

    /** Whether {@code nonce} is this slot's or the previous one's. */
    public boolean valid(String nonce) {
        if (nonce == null) {
            return false;
        }
        long slot = slot();
        return TokenHashes.sameHash(nonce, ofSlot(slot)) || TokenHashes.sameHash(nonce, ofSlot(slot - 1));
    }

    private long slot() {
        return clock.instant().getEpochSecond() / slotSeconds;
    }

    private String ofSlot(long slot) {
        return TokenHashes.hmac(key, "dpop-nonce:" + slot);
    }
}
