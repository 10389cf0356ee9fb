package io.kizuna.session;

import io.kizuna.api.session.SignInService.BrowserSession;
import io.kizuna.crypto.TokenHashes;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Browser sign-in sessions shared by every node: the cookie carries a 256-bit secret, the table only
 * its SHA-256, so a database read does not yield a usable session.
 */
@Component
public class BrowserSessions {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public BrowserSessions(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Opened open(String memberId, List<String> amr, Duration lifetime) {
        String secret = TokenHashes.randomValue(32);
        String sessionId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.update("""
                INSERT INTO browser_session (session_hash, session_id, member_id, auth_time, amr, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""",
                ps -> {
                    ps.setString(1, TokenHashes.sha256(secret));
                    ps.setString(2, sessionId);
                    ps.setString(3, memberId);
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setArray(5, ps.getConnection().createArrayOf("text", amr.toArray()));
                    ps.setTimestamp(6, Timestamp.from(now.plus(lifetime)));
                });
        return new Opened(secret, sessionId, now);
    }

    public Optional<BrowserSession> find(String cookieValue) {
        if (cookieValue == null || cookieValue.length() > 100) {
            return Optional.empty();
        }
        return jdbc.query("""
                SELECT session_id, member_id, auth_time, amr FROM browser_session
                WHERE session_hash = ? AND expires_at > ?""",
                rs -> rs.next()
                        ? Optional.of(new BrowserSession(rs.getString(1), rs.getString(2),
                                rs.getTimestamp(3).toInstant(),
                                List.of((String[]) rs.getArray(4).getArray())))
                        : Optional.empty(),
                TokenHashes.sha256(cookieValue), Timestamp.from(clock.instant()));
    }

    public record Opened(String cookieValue, String sessionId, Instant authTime) {
    }
}
