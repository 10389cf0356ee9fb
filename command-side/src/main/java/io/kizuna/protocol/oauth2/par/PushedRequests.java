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
 * hash is stored. Opening a request leaves it in place, so a reload or a second visit before the member
 * decides still works (RFC 9126 §4 "MAY allow for duplicate requests due to a user reloading"; FAPI 2.0
 * Security Profile §5.3.2.2); the authorization that completes first ends it
 * ({@link io.kizuna.protocol.oauth2.authorization.PendingAuthorizations#consume}), so each
 * {@code request_uri} leads to one authorization response (RFC 9126 §7.3).
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

    /**
     * A pushed request as stored: whose it is, its parameters, and the hash of its {@code request_uri}
     * (which the parked authorization keeps, to end the pushed request when it completes).
     */
    public record Pushed(String clientId, OAuthParameters parameters, boolean fromRequestObject,
                         String requestUriHash) {
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

    /**
     * The request behind {@code requestUri}, left in place: an unknown, expired or completed
     * {@code request_uri} finds nothing.
     */
    @SuppressWarnings("unchecked")
    public Optional<Pushed> open(String requestUri) {
        if (requestUri == null || requestUri.length() > 200 || !requestUri.startsWith(URN_PREFIX)) {
            return Optional.empty();
        }
        String hash = TokenHashes.sha256(requestUri);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT client_id, parameters, from_request_object FROM pushed_authorization_request
                WHERE request_uri_hash = ? AND expires_at > ?""", hash, Timestamp.from(clock.instant()));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> row = rows.get(0);
        try {
            Map<String, Object> stored = JSON.readValue((String) row.get("parameters"), Map.class);
            return Optional.of(new Pushed((String) row.get("client_id"), OAuthParameters.of(
                    (Map<String, String>) stored.get("values"), (Map<String, List<String>>) stored.get("repeated")),
                    Boolean.TRUE.equals(row.get("from_request_object")), hash));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored pushed request is not JSON", e);
        }
    }

    /** Ends the pushed request: its {@code request_uri} finds nothing from now on. */
    public void end(String requestUriHash) {
        jdbc.update("DELETE FROM pushed_authorization_request WHERE request_uri_hash = ?", requestUriHash);
    }
}
