package io.kizuna.protocol.oauth2.client;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One-time use of client assertion {@code jti}s (RFC 7523 §3 item 7, OIDC Core §9), in PostgreSQL so a
 * replay is refused whichever node it reaches. A {@code jti} is remembered until its assertion expires;
 * after that the assertion is refused for its {@code exp} anyway, so the row may go.
 */
@Component
public class UsedAssertionIds {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public UsedAssertionIds(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True the first time; false when this client already used the {@code jti} in a still-valid assertion. */
    public boolean firstUse(String clientId, String jti, Instant expiresAt) {
        Instant now = clock.instant();
        // an expired row may be taken over: its assertion can no longer be accepted anyway
        int inserted = jdbc.update("""
                INSERT INTO client_assertion_jti (client_id, jti, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (client_id, jti) DO UPDATE SET expires_at = EXCLUDED.expires_at
                WHERE client_assertion_jti.expires_at < ?""",
                clientId, jti, Timestamp.from(expiresAt), Timestamp.from(now));
        if (ThreadLocalRandom.current().nextInt(256) == 0) {
            // amortised clean-up instead of a scheduler: the table stays at about the live assertions
            jdbc.update("DELETE FROM client_assertion_jti WHERE expires_at < ?", Timestamp.from(now));
        }
        return inserted == 1;
    }
}
