package io.kizuna.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.ledger.seal.LedgerLink;
import io.kizuna.ledger.seal.StoredEvent;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** Auditors' history, export and point-in-time answers, all read from the ledger and checkable against its chain. */
@KizunaIntegrationTest
class AuditIT {
    static final String REDIRECT = "https://audit.example.jp/cb";
    static final String PASSWORD = "a long enough password";
    static final ObjectMapper JSON = new ObjectMapper();

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("a member's history, its JSON Lines export verifiable line by line, and what a client could access at each instant")
    void requestWhenAuditingAMemberThenHistoryExportAndPointInTimeAgreeWithTheLedger() throws Exception {
        Api api = new Api(issuer);
        String[] client = api.registerWebClient(REDIRECT);
        String email = "audit-" + UUID.randomUUID() + "@example.jp";
        String memberId = api.registerMember(email, PASSWORD, "Audited");
        Instant beforeConsent = Instant.now();
        CodeFlow.Result flow = CodeFlow.run(issuer, client[0], REDIRECT, email, PASSWORD, "openid email");
        JsonNode tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type", "authorization_code",
                "code", flow.code(), "redirect_uri", REDIRECT, "code_verifier", flow.verifier())).json();
        Instant whileGranted = Instant.now();
        api.postForm("/oauth2/revoke", client[0], client[1], Map.of("token", tokens.get("refresh_token").asText()));
        Instant afterRevocation = Instant.now().plusMillis(5);

        // history of the member, in ledger order, with stable type names
        Api.Response history = api.get("/admin/api/audit/events?member=" + memberId, Api.ADMIN_TOKEN);
        assertThat(history.status()).isEqualTo(200);
        List<String> types = StreamSupport.stream(history.json().get("events").spliterator(), false)
                .map(e -> e.get("type").asText()).toList();
        assertThat(types).containsSubsequence("member.registered", "session.started", "member.login.succeeded",
                "consent.granted", "grant.authorization_code.issued", "grant.access_token.issued", "grant.revoked");
        assertThat(history.raw().body()).doesNotContain(email);

        // paging: after the first event, the first one is gone
        long first = history.json().get("events").get(0).get("globalIndex").asLong();
        Api.Response next = api.get("/admin/api/audit/events?member=" + memberId + "&after=" + first + "&limit=1",
                Api.ADMIN_TOKEN);
        assertThat(next.json().get("events")).hasSize(1);
        assertThat(next.json().get("events").get(0).get("globalIndex").asLong()).isGreaterThan(first);

        // a time range and a type filter
        Api.Response revoked = api.get("/admin/api/audit/events?client=" + client[0] + "&type=grant.revoked&from="
                + whileGranted, Api.ADMIN_TOKEN);
        assertThat(revoked.json().get("events")).hasSize(1);
        assertThat(revoked.json().get("events").get(0).get("payload").get("reason").asText())
                .isEqualTo("revoked_by_client");

        // export: every line verifies against the stored row and its predecessor's link
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) = 0 FROM domainevententry d LEFT JOIN ledger_seal s ON s.global_index = d.globalindex "
                        + "WHERE s.global_index IS NULL", Boolean.class));
        String export = api.send(HttpRequest.newBuilder(URI.create(issuer + "/admin/api/audit/export?member=" + memberId))
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN).GET().build()).raw().body();
        List<String> lines = export.lines().toList();
        assertThat(lines).hasSize(history.json().get("events").size());
        LedgerLink link = new LedgerLink();
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            StoredEvent stored = jdbc.queryForObject("SELECT " + StoredEvent.columns("d")
                    + " FROM domainevententry d WHERE d.globalindex = ?", (rs, i) -> StoredEvent.read(rs),
                    record.get("globalIndex").asLong());
            JsonNode seal = record.get("seal");
            byte[] previous = seal.get("previousLinkHash").isNull() ? null
                    : HexFormat.of().parseHex(seal.get("previousLinkHash").asText());
            assertThat(LedgerLink.hex(link.next(previous, stored))).as(line).isEqualTo(seal.get("linkHash").asText());
        }

        // point in time
        assertThat(accessAt(api, memberId, client[0], beforeConsent).get("canAccess").asBoolean()).isFalse();
        JsonNode granted = accessAt(api, memberId, client[0], whileGranted);
        assertThat(granted.get("canAccess").asBoolean()).isTrue();
        assertThat(granted.get("consentedScopes").toString()).isEqualTo("[\"email\",\"openid\"]");
        assertThat(granted.get("grants").get(0).get("liveAccessTokens").asInt()).isEqualTo(1);
        assertThat(granted.get("grants").get(0).get("canRefresh").asBoolean()).isTrue();
        JsonNode after = accessAt(api, memberId, client[0], afterRevocation);
        assertThat(after.get("canAccess").asBoolean()).isFalse();
        assertThat(after.get("consentedScopes").toString()).as("consent outlives a client's own revocation")
                .isEqualTo("[\"email\",\"openid\"]");
    }

    @Test
    @DisplayName("audit endpoints need the admin token and refuse malformed instants with invalid_request")
    void requestWhenUnauthenticatedOrMalformedThenRefused() throws Exception {
        Api api = new Api(issuer);
        assertThat(api.get("/admin/api/audit/events", null).status()).isEqualTo(401);
        Api.Response bad = api.get("/admin/api/audit/access?member=m&client=c&at=yesterday", Api.ADMIN_TOKEN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).isEqualTo("invalid_request");
    }

    private JsonNode accessAt(Api api, String member, String client, Instant at) throws Exception {
        Api.Response r = api.get("/admin/api/audit/access?member=" + member + "&client=" + client + "&at=" + at,
                Api.ADMIN_TOKEN);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }
}
