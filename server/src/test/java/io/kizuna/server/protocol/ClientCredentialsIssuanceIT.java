package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.crypto.TokenHashes;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Client-credentials issuance (RFC 6749 §4.4) appends the new grant's {@code AccessTokenIssued} directly
 * (io.kizuna.grant.ClientCredentialsIssuance, without the command bus): the guarantees of the command
 * path hold — the event is durable before the response, introspection (RFC 7662) sees the token at once,
 * revocation (RFC 7009) loads the grant from that event, and a failed append returns no token.
 */
@KizunaIntegrationTest
class ClientCredentialsIssuanceIT {
    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String[] client;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        client = api.registerApiClient();
    }

    Api.Response token() throws Exception {
        return api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type", "client_credentials",
                "scope", "api:read"));
    }

    boolean active(String token) throws Exception {
        Api.Response r = api.postForm("/oauth2/introspect", client[0], client[1], Map.of("token", token));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json().get("active").asBoolean();
    }

    /** The ledger rows of the grant that issued {@code token}: type, sequence, payload type, metadata. */
    List<Map<String, Object>> grantEvents(String token) {
        String grantId = jdbc.queryForObject("SELECT grant_id FROM token_lookup WHERE token_hash = ?", String.class,
                TokenHashes.sha256(token));
        return jdbc.queryForList("SELECT globalindex, type, sequencenumber, payloadtype, payload, metadata"
                + " FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber", grantId);
    }

    static String text(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("RFC 6749 §4.4.3: the token's AccessTokenIssued is the new Grant's first ledger event, stored before"
            + " the response, and RFC 7662 §2.2 introspection sees the token at once")
    void requestWhenClientCredentialsThenFirstEventOfNewGrantStoredBeforeResponse() throws Exception {
        Api.Response r = token();
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        String token = r.json().get("access_token").asText();

        List<Map<String, Object>> events = grantEvents(token);
        assertThat(events).hasSize(1);
        Map<String, Object> event = events.get(0);
        assertThat(event.get("type")).isEqualTo("Grant");
        assertThat(((Number) event.get("sequencenumber")).longValue()).isZero();
        assertThat((String) event.get("payloadtype")).endsWith(".AccessTokenIssued");
        assertThat(text(event.get("payload"))).contains(TokenHashes.sha256(token)).contains(client[0])
                .contains("client_credentials");
        // the same correlation metadata as an event applied by a command handler
        assertThat(text(event.get("metadata"))).contains("\"traceId\"").contains("\"correlationId\"");
        assertThat(active(token)).isTrue();
    }

    @Test
    @DisplayName("RFC 7009 §2: a revoked client-credentials token is inactive at the very next introspection"
            + " (RFC 7662 §2.2), and the revocation is the grant's next event")
    void requestWhenClientCredentialsTokenRevokedThenInactiveImmediately() throws Exception {
        String token = token().json().get("access_token").asText();
        assertThat(active(token)).isTrue();

        Api.Response revoked = api.postForm("/oauth2/revoke", client[0], client[1], Map.of("token", token));
        assertThat(revoked.status()).as(revoked.raw().body()).isEqualTo(200);

        assertThat(active(token)).isFalse();
        assertThat(grantEvents(token)).extracting(e -> ((String) e.get("payloadtype"))
                        .substring(((String) e.get("payloadtype")).lastIndexOf('.') + 1))
                .containsExactly("AccessTokenIssued", "AccessTokenRevoked");
    }

    @Test
    @DisplayName("RFC 6749 §4.4: concurrent issuances each get their own grant and one ledger event, all"
            + " committed and introspectable, none lost")
    void requestWhenIssuedConcurrentlyThenEveryEventInLedgerOnce() throws Exception {
        int n = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(this::token));
            }
            Set<String> tokens = new HashSet<>();
            for (Future<Api.Response> f : futures) {
                Api.Response r = f.get();
                assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
                tokens.add(r.json().get("access_token").asText());
            }
            assertThat(tokens).hasSize(n);
            Set<Long> indexes = new HashSet<>();
            Set<String> grants = new HashSet<>();
            for (String token : tokens) {
                List<Map<String, Object>> events = grantEvents(token);
                assertThat(events).hasSize(1);
                assertThat(((Number) events.get(0).get("sequencenumber")).longValue()).isZero();
                indexes.add(((Number) events.get(0).get("globalindex")).longValue());
                grants.add(jdbc.queryForObject("SELECT grant_id FROM token_lookup WHERE token_hash = ?",
                        String.class, TokenHashes.sha256(token)));
                assertThat(active(token)).isTrue();
            }
            assertThat(indexes).as("one ledger position per token").hasSize(n);
            assertThat(grants).as("one grant per token").hasSize(n);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM token_lookup WHERE client_id = ?", Integer.class,
                    client[0])).isEqualTo(n);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("RFC 6749 §5.2: when the append's transaction fails, the client gets an OAuth error body and no"
            + " token, and neither the event nor the token row is stored")
    void requestWhenAppendFailsThenOAuthErrorAndNothingStored() throws Exception {
        String trigger = "cc_fail_" + client[0].replaceAll("[^A-Za-z0-9]", "_").toLowerCase();
        jdbc.execute("CREATE FUNCTION " + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.client_id = '" + client[0].replace("'", "''") + "' THEN "
                + "RAISE EXCEPTION 'simulated storage failure'; END IF; RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON token_lookup FOR EACH ROW EXECUTE FUNCTION "
                + trigger + "()");
        try {
            Api.Response r = token();
            assertOAuthError(r, 500, "server_error");
            assertThat(r.json().has("access_token")).isFalse();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM token_lookup WHERE client_id = ?", Integer.class,
                    client[0])).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE ?"
                    + " AND convert_from(payload, 'UTF8') LIKE ?", Integer.class, "%.AccessTokenIssued",
                    "%" + client[0] + "%")).as("no AccessTokenIssued of this client in the ledger").isZero();
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS " + trigger + " ON token_lookup");
            jdbc.execute("DROP FUNCTION IF EXISTS " + trigger + "()");
        }
        // and the next request, with the storage healthy again, succeeds
        Api.Response r = token();
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(active(r.json().get("access_token").asText())).isTrue();
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1 temporarily_unavailable: a transient storage failure (serialization failure, SQLSTATE"
            + " 40001) is a 503 with Retry-After, nothing stored, and the retry succeeds")
    void requestWhenStorageTransientlyFailsThenTemporarilyUnavailable() throws Exception {
        String trigger = "cc_busy_" + client[0].replaceAll("[^A-Za-z0-9]", "_").toLowerCase();
        jdbc.execute("CREATE FUNCTION " + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "IF NEW.client_id = '" + client[0].replace("'", "''") + "' THEN "
                + "RAISE EXCEPTION 'simulated serialization failure' USING ERRCODE = '40001'; END IF; "
                + "RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON token_lookup FOR EACH ROW EXECUTE FUNCTION "
                + trigger + "()");
        try {
            Api.Response r = token();
            assertOAuthError(r, 503, "temporarily_unavailable");
            assertThat(r.header("Retry-After")).isEqualTo("5");
            assertThat(r.json().has("access_token")).isFalse();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM token_lookup WHERE client_id = ?", Integer.class,
                    client[0])).isZero();
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS " + trigger + " ON token_lookup");
            jdbc.execute("DROP FUNCTION IF EXISTS " + trigger + "()");
        }
        Api.Response retry = token();
        assertThat(retry.status()).as(retry.raw().body()).isEqualTo(200);
    }
}
