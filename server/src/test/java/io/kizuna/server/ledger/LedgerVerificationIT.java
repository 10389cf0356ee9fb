package io.kizuna.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import javax.sql.DataSource;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tamper evidence against the real PostgreSQL: each test alters {@code domainevententry} directly, as an
 * attacker with database access would, proves {@code POST /admin/api/ledger/verify} names the first
 * broken link, then restores the row so that the shared ledger verifies again for the other tests.
 */
@KizunaIntegrationTest
class LedgerVerificationIT {
    private static final String VERIFY = "/admin/api/ledger/verify";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    @DisplayName("an untampered ledger verifies: intact, every sealed event recomputed, head = newest sealed event")
    void requestWhenLedgerUntamperedThenIntact() throws Exception {
        long index = sealedRegistration();
        JsonNode report = verify();
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.has("firstBreak")).isFalse();
        long sealed = jdbc.queryForObject("SELECT count(*) FROM ledger_seal", Long.class);
        assertThat(report.get("eventsVerified").asLong()).isGreaterThanOrEqualTo(sealed > 0 ? 1 : 0)
                .isLessThanOrEqualTo(sealed);
        assertThat(report.get("lastSealed").get("globalIndex").asLong()).isGreaterThanOrEqualTo(index);
        assertThat(report.get("lastSealed").get("linkHash").asText()).hasSize(64);
        assertThat(report.get("sealerPosition").asLong()).isGreaterThanOrEqualTo(index);
    }

    @Test
    @DisplayName("UPDATE of one event's payload → link_mismatch at exactly that event")
    void requestWhenPayloadUpdatedThenLinkMismatchAtThatEvent() throws Exception {
        long index = sealedRegistration();
        byte[] original = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?",
                byte[].class, index);
        byte[] altered = original.clone();
        altered[altered.length / 2] ^= 0x01;
        jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", altered, index);
        try {
            JsonNode report = verify();
            assertBreak(report, "link_mismatch", index);
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", original, index);
        }
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("UPDATE of metadata or of a plain column (timestamp) → link_mismatch at that event")
    void requestWhenMetadataOrTimestampUpdatedThenLinkMismatch() throws Exception {
        long index = sealedRegistration();
        Map<String, Object> row = jdbc.queryForMap("SELECT metadata, timestamp FROM domainevententry WHERE globalindex = ?",
                index);
        jdbc.update("UPDATE domainevententry SET metadata = ? WHERE globalindex = ?",
                "{\"traceId\":\"forged\"}".getBytes(), index);
        try {
            assertBreak(verify(), "link_mismatch", index);
        } finally {
            jdbc.update("UPDATE domainevententry SET metadata = ? WHERE globalindex = ?", row.get("metadata"), index);
        }
        jdbc.update("UPDATE domainevententry SET timestamp = '2020-01-01T00:00:00Z' WHERE globalindex = ?", index);
        try {
            assertBreak(verify(), "link_mismatch", index);
        } finally {
            jdbc.update("UPDATE domainevententry SET timestamp = ? WHERE globalindex = ?", row.get("timestamp"), index);
        }
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("DELETE of one event row → event_missing at its seal and global index")
    void requestWhenEventDeletedThenEventMissingAtThatPosition() throws Exception {
        long index = sealedRegistration();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domainevententry WHERE globalindex = ?", index);
        long sealSequence = jdbc.queryForObject("SELECT seal_sequence FROM ledger_seal WHERE global_index = ?",
                Long.class, index);
        jdbc.update("DELETE FROM domainevententry WHERE globalindex = ?", index);
        try {
            JsonNode report = verify();
            assertBreak(report, "event_missing", index);
            assertThat(report.get("firstBreak").get("sealSequence").asLong()).isEqualTo(sealSequence);
            assertThat(report.get("firstBreak").get("eventIdentifier").asText()).isEqualTo(row.get("eventidentifier"));
        } finally {
            jdbc.update("""
                    INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, eventidentifier,
                        metadata, payload, payloadrevision, payloadtype, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    row.get("globalindex"), row.get("aggregateidentifier"), row.get("sequencenumber"), row.get("type"),
                    row.get("eventidentifier"), row.get("metadata"), row.get("payload"), row.get("payloadrevision"),
                    row.get("payloadtype"), row.get("timestamp"));
        }
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("two events' payloads swapped → link_mismatch at the earlier of the two in seal order")
    void requestWhenTwoPayloadsSwappedThenLinkMismatchAtTheEarlier() throws Exception {
        long first = sealedRegistration();
        long second = sealedRegistration();
        byte[] a = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?", byte[].class, first);
        byte[] b = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?", byte[].class, second);
        long earlier = jdbc.queryForObject("SELECT global_index FROM ledger_seal WHERE global_index IN (?, ?)"
                + " ORDER BY seal_sequence LIMIT 1", Long.class, first, second);
        jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", b, first);
        jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", a, second);
        try {
            assertBreak(verify(), "link_mismatch", earlier);
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", a, first);
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", b, second);
        }
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("an event inserted behind the sealer (below its position) → event_unsealed at that global index")
    void requestWhenEventInsertedBehindSealerThenEventUnsealed() throws Exception {
        sealedRegistration();
        String eventId = UUID.randomUUID().toString();
        jdbc.update("""
                INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, eventidentifier,
                    metadata, payload, payloadrevision, payloadtype, timestamp)
                VALUES (0, ?, 0, 'Member', ?, '{}', '{}', '1', 'io.kizuna.api.member.MemberRegistered', '2026-01-01T00:00:00Z')""",
                UUID.randomUUID().toString(), eventId);
        try {
            JsonNode report = verify();
            assertBreak(report, "event_unsealed", 0);
            assertThat(report.get("firstBreak").get("eventIdentifier").asText()).isEqualTo(eventId);
        } finally {
            jdbc.update("DELETE FROM domainevententry WHERE globalindex = 0");
        }
        assertThat(verify().get("intact").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("an event committed after a later one (BIGSERIAL out of order) is sealed when it commits, after it in seal order; the ledger stays intact")
    void requestWhenTransactionsCommitOutOfIndexOrderThenSealedInCommitOrderAndIntact() throws Exception {
        String memberId = UUID.randomUUID().toString();
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            long heldIndex;
            try (PreparedStatement insert = slow.prepareStatement("""
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                        payload, payloadrevision, payloadtype, timestamp)
                    VALUES (?, 0, 'Member', ?, '{}', ?, '1', 'io.kizuna.api.member.MemberForgotten', ?)
                    RETURNING globalindex""")) {
                insert.setString(1, memberId);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setBytes(3, ("{\"memberId\":\"" + memberId + "\",\"keyId\":\"k\",\"requestedVia\":\"test\","
                        + "\"forgottenAt\":\"2026-11-26T00:00:00Z\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                insert.setString(4, java.time.Instant.now().toString());
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    heldIndex = rs.getLong(1);
                }
            }
            long laterIndex = sealedRegistration(); // a higher index, committed and sealed first
            assertThat(laterIndex).isGreaterThan(heldIndex);
            JsonNode whileHeld = verify();
            assertThat(whileHeld.get("intact").asBoolean()).as(whileHeld.toString()).isTrue();
            slow.commit();
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM ledger_seal WHERE global_index = ?", Long.class, heldIndex) == 1);
            long heldSeal = jdbc.queryForObject("SELECT seal_sequence FROM ledger_seal WHERE global_index = ?",
                    Long.class, heldIndex);
            long laterSeal = jdbc.queryForObject("SELECT seal_sequence FROM ledger_seal WHERE global_index = ?",
                    Long.class, laterIndex);
            assertThat(heldSeal).isGreaterThan(laterSeal);
        }
        JsonNode report = verify();
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
    }

    @Test
    @DisplayName("a checkpoint is an ES256 JWT verifiable against the JWKS, and verify accepts it back")
    void requestWhenCheckpointThenSignedHeadVerifiableOfflineAndAccepted() throws Exception {
        sealedRegistration();
        Api api = new Api(issuer);
        Api.Response response = api.get("/admin/api/ledger/checkpoint", Api.ADMIN_TOKEN);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/jwt");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        SignedJWT jwt = SignedJWT.parse(response.raw().body());
        ECKey key = (ECKey) JWKSet.parse(api.get("/oauth2/jwks", null).raw().body())
                .getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("kizuna-ledger-checkpoint+jwt");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(issuer);
        long sequence = jwt.getJWTClaimsSet().getLongClaim("seal_sequence");
        String link = jwt.getJWTClaimsSet().getStringClaim("link_hash");
        byte[] stored = jdbc.queryForObject("SELECT link_hash FROM ledger_seal WHERE seal_sequence = ?", byte[].class,
                sequence);
        assertThat(java.util.HexFormat.of().formatHex(stored)).isEqualTo(link);

        Api.Response accepted = api.postJson(VERIFY, Api.ADMIN_TOKEN, Map.of("checkpoint", response.raw().body()));
        assertThat(accepted.json().get("intact").asBoolean()).as(accepted.json().toString()).isTrue();

        String forged = response.raw().body().substring(0, response.raw().body().lastIndexOf('.') + 1) + "AAAA";
        Api.Response refused = api.postJson(VERIFY, Api.ADMIN_TOKEN, Map.of("checkpoint", forged));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_checkpoint");
    }

    @Test
    @DisplayName("RFC 6750 §3.1: verify without the admin token → 401 invalid_token, no report")
    void requestWhenVerifyWithoutAdminTokenThenUnauthorized() throws Exception {
        Api.Response response = new Api(issuer).postJson(VERIFY, "wrong-token", Map.of());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asText()).isEqualTo("invalid_token");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    /** Registers a member and waits until the sealer has sealed the registration; returns its global index. */
    private long sealedRegistration() throws Exception {
        String memberId = new Api(issuer).registerMember("seal-" + UUID.randomUUID() + "@example.jp",
                "ledger password 123", "Seal Tester");
        long index = jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND sequencenumber = 0", Long.class, memberId);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ledger_seal WHERE global_index = ?", Long.class, index) == 1);
        return index;
    }

    private JsonNode verify() throws Exception {
        Api.Response response = new Api(issuer).postJson(VERIFY, Api.ADMIN_TOKEN, Map.of());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        return response.json();
    }

    private static void assertBreak(JsonNode report, String code, long globalIndex) {
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isFalse();
        assertThat(report.get("firstBreak").get("code").asText()).as(report.toString()).isEqualTo(code);
        assertThat(report.get("firstBreak").get("globalIndex").asLong()).isEqualTo(globalIndex);
    }
}
