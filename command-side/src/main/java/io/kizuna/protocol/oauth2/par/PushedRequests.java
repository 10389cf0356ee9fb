package io.kizuna.protocol.oauth2.par;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.protocol.oauth2.OAuthParameters;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Pushed authorization requests (RFC 9126 §2.2), kept in the shared database so that any node can
 * answer the browser's authorization request. The {@code request_uri} is a bearer reference: only its
 * hash is stored, and taking a request deletes it, so each {@code request_uri} works once (RFC 9126 §4,
 * §7.3).
 */
@Component
public class PushedRequests {
    public static final String URN_PREFIX = "urn:ietf:params:oauth:request_uri:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PushedRequests(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A pushed request as stored: whose it is and its parameters. */
    public record Pushed(String clientId, OAuthParameters parameters, boolean fromRequestObject) {
    }

    /** Stores the request and returns its new {@code request_uri}. */
    public String push(String clientId, OAuthParameters parameters, Instant expiresAt) {
        return push(clientId, parameters, expiresAt, false);
    }

    /** @param fromRequestObject the parameters came from a signed request object (RFC 9126 §3) */
    public String push(String clientId, OAuthParameters parameters, Instant expiresAt, boolean fromRequestObject) {
        String requestUri = URN_PREFIX + TokenHashes.randomValue(32);
        String json;
        try {
            json = JSON.writeValueAsString(Map.of("values", parameters.singleValues(),
                    "repeated", parameters.repeatedValues()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parameters are plain strings and always serialise", e);
        }
        Instant now = clock.instant();
        jdbc.update("DELETE FROM pushed_authorization_request WHERE expires_at < ?", Timestamp.from(now));
        jdbc.update("""
                INSERT INTO pushed_authorization_request (request_uri_hash, client_id, parameters, created_at, expires_at,
                                                          from_request_object)
                VALUES (?, ?, ?, ?, ?, ?)""", TokenHashes.sha256(requestUri), clientId, json, Timestamp.from(now),
                Timestamp.from(expiresAt), fromRequestObject);
        return requestUri;
    }

    /** Takes the request out, once: an unknown, expired or already used {@code request_uri} finds nothing. */
    @SuppressWarnings("unchecked")
    public Optional<Pushed> take(String requestUri) {
        if (requestUri == null || requestUri.length() > 200 || !requestUri.startsWith(URN_PREFIX)) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = jdbc.queryForList("""
                DELETE FROM pushed_authorization_request WHERE request_uri_hash = ?
                RETURNING client_id, parameters, expires_at, from_request_object""", TokenHashes.sha256(requestUri));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        if (!((Timestamp) row.get("expires_at")).toInstant().isAfter(clock.instant())) {
            return Optional.empty();
        }
        try {
            Map<String, Object> stored = JSON.readValue((String) row.get("parameters"), Map.class);
            return Optional.of(new Pushed((String) row.get("client_id"), OAuthParameters.of(
                    (Map<String, String>) stored.get("values"), (Map<String, List<String>>) stored.get("repeated")),
                    Boolean.TRUE.equals(row.get("from_request_object"))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored pushed request is not JSON", e);
        }
    }
}
