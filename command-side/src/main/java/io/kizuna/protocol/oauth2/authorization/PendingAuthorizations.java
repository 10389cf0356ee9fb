package io.kizuna.protocol.oauth2.authorization;

import io.kizuna.crypto.TokenHashes;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Validated authorization requests parked (in the shared database) while the member signs in and consents.
 * A request that came from a pushed {@code request_uri} (RFC 9126 §4) keeps that URI's hash: every visit of
 * the URI parks its own request, and the first of them to be decided ends the others and the pushed request.
 */
@Component
public class PendingAuthorizations {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PendingAuthorizations(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String park(ValidatedAuthorizationRequest request, Instant expiresAt) {
        return park(request, expiresAt, null);
    }

    /** @param pushedRequestUriHash the SHA-256 of the pushed {@code request_uri} it came from, or null */
    public String park(ValidatedAuthorizationRequest request, Instant expiresAt, String pushedRequestUriHash) {
        String id = TokenHashes.randomValue(24);
        jdbc.update("""
                INSERT INTO authorization_request (request_id, client_id, redirect_uri, redirect_uri_supplied, scopes,
                    state, nonce, code_challenge, code_challenge_method, created_at, expires_at, prompt, max_age,
                    required_acr, login_hint, response_type, response_mode, claims, dpop_jkt, resources,
                    pushed_request_uri_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                ps -> {
                    ps.setString(1, id);
                    ps.setString(2, request.clientId());
                    ps.setString(3, request.redirectUri());
                    ps.setBoolean(4, request.redirectUriSupplied());
                    ps.setArray(5, ps.getConnection().createArrayOf("text", request.scopes().toArray()));
                    ps.setString(6, request.state());
                    ps.setString(7, request.nonce());
                    ps.setString(8, request.codeChallenge());
                    ps.setString(9, request.codeChallengeMethod());
                    ps.setTimestamp(10, Timestamp.from(clock.instant()));
                    ps.setTimestamp(11, Timestamp.from(expiresAt));
                    ps.setString(12, request.prompt());
                    ps.setObject(13, request.maxAge(), java.sql.Types.INTEGER);
                    ps.setString(14, request.requiredAcr());
                    ps.setString(15, request.loginHint());
                    ps.setString(16, request.responseType());
                    ps.setString(17, request.responseMode());
                    ps.setString(18, request.claims());
                    ps.setString(19, request.dpopJkt());
                    ps.setArray(20, ps.getConnection().createArrayOf("text",
                            (request.resources() == null ? List.<String>of() : request.resources()).toArray()));
                    ps.setString(21, pushedRequestUriHash);
                });
        jdbc.update("DELETE FROM authorization_request WHERE expires_at < ?", Timestamp.from(clock.instant()));
        return id;
    }

    public Optional<ValidatedAuthorizationRequest> find(String requestId) {
        if (requestId == null || requestId.length() > 64) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM authorization_request WHERE request_id = ? AND expires_at > ?",
                rs -> rs.next() ? Optional.of(new ValidatedAuthorizationRequest(rs.getString("client_id"),
                        rs.getString("redirect_uri"), rs.getBoolean("redirect_uri_supplied"),
                        List.of((String[]) rs.getArray("scopes").getArray()), rs.getString("state"),
                        rs.getString("nonce"), rs.getString("code_challenge"), rs.getString("code_challenge_method"),
                        rs.getString("prompt"), (Integer) rs.getObject("max_age"), rs.getString("required_acr"),
                        rs.getString("login_hint"), rs.getString("response_type"), rs.getString("response_mode"),
                        rs.getString("claims"), rs.getString("dpop_jkt"),
                        rs.getArray("resources") == null ? List.of()
                                : List.of((String[]) rs.getArray("resources").getArray())))
                        : Optional.empty(),
                requestId, Timestamp.from(clock.instant()));
    }

    /**
     * Takes the request out, once: a second decision on the same request finds nothing. A request from a
     * pushed {@code request_uri} takes the other visits of that URI and the pushed request with it, in one
     * statement, so that one pushed request never yields two authorization responses (RFC 9126 §7.3).
     */
    public boolean consume(String requestId) {
        Integer own = jdbc.queryForObject("""
                WITH ended AS (
                    DELETE FROM authorization_request
                    WHERE request_id = ?
                       OR pushed_request_uri_hash = (SELECT pushed_request_uri_hash FROM authorization_request
                                                     WHERE request_id = ?)
                    RETURNING request_id, pushed_request_uri_hash),
                pushed AS (
                    DELETE FROM pushed_authorization_request
                    WHERE request_uri_hash IN (SELECT pushed_request_uri_hash FROM ended))
                SELECT count(*) FROM ended WHERE request_id = ?""", Integer.class, requestId, requestId, requestId);
        return own != null && own == 1;
    }
}
