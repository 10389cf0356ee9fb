package io.kizuna.session;

import io.kizuna.crypto.TokenHashes;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Sign-ins whose password was right, waiting (5 minutes, 5 tries) for their one-time code. */
@Component
public class PendingSignIns {
    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_ATTEMPTS = 5;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PendingSignIns(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String create(String memberId, String clientId) {
        return create(memberId, clientId, null, null);
    }

    /**
     * @param deviceHash   the browser's device cookie hash ({@link KnownDevices#hash}), remembered on completion
     * @param policyReason why the policy asked for a second factor, recorded with the completed sign-in
     */
    public String create(String memberId, String clientId, String deviceHash, String policyReason) {
        String token = TokenHashes.randomValue(32);
        jdbc.update("""
                INSERT INTO pending_sign_in (token_hash, member_id, client_id, expires_at, device_hash, policy_reason)
                VALUES (?, ?, ?, ?, ?, ?)""",
                TokenHashes.sha256(token), memberId, clientId, Timestamp.from(clock.instant().plus(LIFETIME)),
                deviceHash, policyReason);
        jdbc.update("DELETE FROM pending_sign_in WHERE expires_at < ?", Timestamp.from(clock.instant()));
        return token;
    }

    /** Counts an attempt and returns the pending sign-in while it is valid and has tries left. */
    public Optional<Pending> attempt(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.query("""
                UPDATE pending_sign_in SET attempts = attempts + 1
                WHERE token_hash = ? AND expires_at > ? AND attempts < ?
                RETURNING member_id, client_id, device_hash, policy_reason""",
                rs -> rs.next() ? Optional.of(new Pending(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))) : Optional.empty(),
                TokenHashes.sha256(token), Timestamp.from(clock.instant()), MAX_ATTEMPTS);
    }

    public void complete(String token) {
        jdbc.update("DELETE FROM pending_sign_in WHERE token_hash = ?", TokenHashes.sha256(token));
    }

    public record Pending(String memberId, String clientId, String deviceHash, String policyReason) {
        public Pending(String memberId, String clientId) {
            this(memberId, clientId, null, null);
        }
    }
}
