package io.kizuna.protocol.oauth2.dpop;

import io.kizuna.crypto.TokenHashes;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One-time use of DPoP proof {@code jti}s (RFC 9449 §4.3 check 12, §11.1) in PostgreSQL, so a proof replayed
 * to another node is refused too. A {@code jti} is remembered until its proof's {@code iat} leaves the
 * acceptance window; after that the proof is refused as stale anyway, and the row may be taken over or go.
 */
@Component
public class UsedProofIds {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public UsedProofIds(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True the first time the key {@code jkt} uses {@code jti} within the window; false on a replay. */
    public boolean firstUse(String jkt, String jti, Instant forgetAfter) {
        Instant now = clock.instant();
        int inserted = jdbc.update("""
                INSERT INTO dpop_proof_jti (proof_hash, expires_at) VALUES (?, ?)
                ON CONFLICT (proof_hash) DO UPDATE SET expires_at = EXCLUDED.expires_at
                WHERE dpop_proof_jti.expires_at < ?""",
                TokenHashes.sha256(jkt + " " + jti), Timestamp.from(forgetAfter), Timestamp.from(now));
        if (ThreadLocalRandom.current().nextInt(256) == 0) {
            // amortised clean-up instead of a scheduler: the table stays at about the proofs of one window
            jdbc.update("DELETE FROM dpop_proof_jti WHERE expires_at < ?", Timestamp.from(now));
        }
        return inserted == 1;
    }
}
