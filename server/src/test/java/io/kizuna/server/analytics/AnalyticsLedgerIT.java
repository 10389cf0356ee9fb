package io.kizuna.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The questions fed by the real ledger rather than synthetic envelopes: the payloads the command side
 * really emits (registration via a site, sign-in, consent, code exchange) land under the right service.
 */
@KizunaIntegrationTest
class AnalyticsLedgerIT {
    @Value("${kizuna.issuer}")
    String issuer;

    @Test
    @DisplayName("a member registered via site A who signs in to A and B shows up in every question for A and B")
    void requestWhenMemberUsesTwoSitesThroughRealFlowsThenEveryQuestionCountsThem() throws Exception {
        Api api = new Api(issuer);
        String redirectA = "http://localhost:1/a-" + UUID.randomUUID();
        String redirectB = "http://localhost:1/b-" + UUID.randomUUID();
        String[] a = api.registerWebClient(redirectA);
        String[] b = api.registerWebClient(redirectB);
        String email = "analytics-" + UUID.randomUUID() + "@example.jp";
        Api.Response registered = api.postJson("/api/members", null, Map.of("email", email,
                "password", "analytics password 123", "name", "Analytics Tester", "locale", "en",
                "registered_via", a[0]));
        assertThat(registered.status()).isEqualTo(201);
        CodeFlow.Result atA = CodeFlow.run(issuer, a[0], redirectA, email, "analytics password 123", "openid");
        Api.Response tokens = api.postForm("/oauth2/token", a[0], a[1], Map.of("grant_type", "authorization_code",
                "code", atA.code(), "redirect_uri", redirectA, "code_verifier", atA.verifier()));
        assertThat(tokens.status()).isEqualTo(200);
        CodeFlow.run(issuer, b[0], redirectB, email, "analytics password 123", "openid");

        String range = "from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC)
                + "&service=" + a[0] + "," + b[0];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode overlap = get(api, "/api/analytics/overlap?" + range);
            assertThat(overlap.get("combinations").get(2).get("members").asLong()).isEqualTo(1);
            assertThat(overlap.get("members").asLong()).isEqualTo(1);
        });
        JsonNode signIns = get(api, "/api/analytics/sign-ins?" + range).get("rows");
        assertThat(signIns).hasSize(2);
        assertThat(signIns.findValues("succeeded")).allSatisfy(v -> assertThat(v.asLong()).isEqualTo(1));
        assertThat(signIns.findValues("failed")).allSatisfy(v -> assertThat(v.asLong()).isZero());
        // the sign-ins came from loopback, which the test platform's kizuna.regions table places in JP-13;
        // the server recorded the region (not the address) in the event, and the password factor in amr
        JsonNode fromTokyo = get(api, "/api/analytics/sign-ins?" + range + "&region=JP-13").get("rows");
        assertThat(fromTokyo).hasSize(2);
        assertThat(fromTokyo.findValues("succeeded")).allSatisfy(v -> assertThat(v.asLong()).isEqualTo(1));
        assertThat(get(api, "/api/analytics/sign-ins?" + range + "&region=US").get("rows")).isEmpty();
        assertThat(get(api, "/api/analytics/sign-ins?" + range + "&method=pwd").get("rows").findValues("succeeded"))
                .hasSize(2).allSatisfy(v -> assertThat(v.asLong()).isEqualTo(1));
        assertThat(get(api, "/api/analytics/sign-ins?" + range + "&method=otp").get("rows")).isEmpty();
        JsonNode registrations = get(api, "/api/analytics/registrations?" + range).get("rows");
        assertThat(registrations).hasSize(1);
        assertThat(registrations.get(0).get("service").asText()).isEqualTo(a[0]);
        assertThat(registrations.get(0).get("registrations").asLong()).isEqualTo(1);
        JsonNode consents = get(api, "/api/analytics/consents?" + range).get("rows");
        assertThat(consents.findValues("consents")).hasSize(2).allSatisfy(v -> assertThat(v.asLong()).isEqualTo(1));
        JsonNode issued = get(api, "/api/analytics/tokens?" + range).get("rows");
        assertThat(issued).hasSize(1);
        assertThat(issued.get(0).get("client_id").asText()).isEqualTo(a[0]);
        assertThat(issued.get(0).get("by_grant_type").get("authorization_code").asLong()).isEqualTo(1);
    }

    private static JsonNode get(Api api, String path) throws Exception {
        Api.Response r = api.get(path, null);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }
}
