package io.kizuna.protocol.oidc.logout;

import io.kizuna.crypto.TokenHashes;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Validated RP-initiated logout requests, parked (in the shared database) while the member confirms. */
@Component
public class PendingLogouts {
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PendingLogouts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String park(Pending request) {
        String id = TokenHashes.randomValue(24);
        jdbc.update("""
                INSERT INTO logout_request (request_id, client_id, post_logout_redirect_uri, state, hint_sid,
                                            hint_subject, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", id, request.clientId(), request.postLogoutRedirectUri(),
                request.state(), request.hintSid(), request.hintSubject(), Timestamp.from(clock.instant()),
                Timestamp.from(clock.instant().plus(LIFETIME)));
        jdbc.update("DELETE FROM logout_request WHERE expires_at < ?", Timestamp.from(clock.instant()));
        return id;
    }

    public Optional<Pending> find(String requestId) {
        if (requestId == null || requestId.length() > 64) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM logout_request WHERE request_id = ? AND expires_at > ?",
                rs -> rs.next() ? Optional.of(new Pending(rs.getString("client_id"),
                        rs.getString("post_logout_redirect_uri"), rs.getString("state"), rs.getString("hint_sid"),
                        rs.getString("hint_subject"))) : Optional.empty(),
                requestId, Timestamp.from(clock.instant()));
    }

    /** Takes the request out, once. */
    public boolean consume(String requestId) {
        return requestId != null && jdbc.update("DELETE FROM logout_request WHERE request_id = ?", requestId) == 1;
    }

    /**
     * @param clientId              the Relying Party, when the request identified one
     * @param postLogoutRedirectUri exactly one of the client's registered {@code post_logout_redirect_uris}, or null
     */
    public record Pending(String clientId, String postLogoutRedirectUri, String state, String hintSid,
                          String hintSubject) {
    }
}
