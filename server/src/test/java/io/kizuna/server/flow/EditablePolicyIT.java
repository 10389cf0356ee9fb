package io.kizuna.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The authentication policy changed at run time through {@code PUT /admin/api/policy}: the next sign-in
 * follows it, a refused change records nothing, and every change is a {@code policy.changed} event. The
 * policy in force before the test is put back afterwards, so the shared context is left as found.
 */
@KizunaIntegrationTest
class EditablePolicyIT {
    static final String PASSWORD = "a long enough password";
    static final Map<String, String> CAFE = Map.of("X-Forwarded-For", "203.0.113.7");

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    JsonNode original;

    @BeforeEach
    void remember() throws Exception {
        api = new Api(issuer);
        Api.Response before = api.get("/admin/api/policy", Api.ADMIN_TOKEN);
        assertThat(before.status()).isEqualTo(200);
        original = before.json();
    }

    @AfterEach
    void restore() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("trusted_networks", strings(original.get("trusted_networks")));
        body.put("otp_outside_trusted_networks", original.get("otp_outside_trusted_networks").asBoolean());
        body.put("second_factor_clients", strings(original.get("second_factor_clients")));
        assertThat(api.putJson("/admin/api/policy", Api.ADMIN_TOKEN, body).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a network the administrator removes from the trusted list needs the second factor at the next sign-in; one added does not")
    void signInFollowsTheChangedPolicy() throws Exception {
        String email = "editable-policy-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Policy Editor");
        assertThat(signIn(new Browser(issuer), email).statusCode()).as("loopback is trusted by configuration")
                .isEqualTo(303);
        assertThat(signIn(new Browser(issuer, CAFE), email).statusCode()).as("the café is not").isEqualTo(401);

        Api.Response narrowed = api.putJson("/admin/api/policy", Api.ADMIN_TOKEN, policy(List.of("10.0.0.0/8"), true,
                List.of()));
        assertThat(narrowed.status()).isEqualTo(200);
        assertThat(narrowed.header("Cache-Control")).contains("no-store");
        assertThat(narrowed.json().get("source").asText()).isEqualTo("ledger");
        assertThat(narrowed.json().get("changed_by").asText()).isEqualTo("operator");
        HttpResponse<String> refused = signIn(new Browser(issuer), email);
        assertThat(refused.statusCode()).as("loopback is outside now; no second factor enrolled").isEqualTo(401);
        assertThat(refused.body()).contains("second factor");

        Api.Response widened = api.putJson("/admin/api/policy", Api.ADMIN_TOKEN,
                policy(List.of("127.0.0.0/8", "::1/128", "203.0.113.0/24"), true, List.of()));
        assertThat(widened.status()).isEqualTo(200);
        assertThat(signIn(new Browser(issuer, CAFE), email).statusCode()).as("the café is trusted now")
                .isEqualTo(303);

        Api.Response relaxed = api.putJson("/admin/api/policy", Api.ADMIN_TOKEN, policy(List.of(), false, List.of()));
        assertThat(relaxed.json().get("trusted_networks")).isEmpty();
        assertThat(signIn(new Browser(issuer, Map.of("X-Forwarded-For", "198.51.100.9")), email).statusCode())
                .as("no second factor anywhere once otp-outside is off").isEqualTo(303);

        Api.Response got = api.get("/admin/api/policy", Api.ADMIN_TOKEN);
        assertThat(got.json().get("otp_outside_trusted_networks").asBoolean()).isFalse();
        assertThat(got.json().get("changed_via").asText()).isEqualTo("admin_api");
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE type = 'AuthenticationPolicyAggregate' ORDER BY globalindex DESC LIMIT 1", String.class))
                .contains("\"by\":\"operator\"").contains("\"otpOutsideTrustedNetworks\":false");
    }

    @Test
    @DisplayName("malformed CIDRs, more than 100 entries, unknown clients and a missing admin token are refused; nothing is recorded")
    void refusedChangesRecordNothing() throws Exception {
        long events = policyEvents();
        Api.Response malformed = api.putJson("/admin/api/policy", Api.ADMIN_TOKEN,
                policy(List.of("10.0.0.0/8", "10.0.0.300/8"), true, List.of()));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asText()).isEqualTo("invalid_trusted_networks");
        assertThat(malformed.json().get("error_description").asText()).contains("10.0.0.300/8");

        List<String> many = IntStream.range(0, 101).mapToObj(i -> "10.1." + i + ".0/24").toList();
        Api.Response tooMany = api.putJson("/admin/api/policy", Api.ADMIN_TOKEN, policy(many, true, List.of()));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("error_description").asText()).contains("at most 100");

        Api.Response unknown = api.putJson("/admin/api/policy", Api.ADMIN_TOKEN,
                policy(List.of("10.0.0.0/8"), true, List.of("no-such-client-" + UUID.randomUUID())));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").asText()).isEqualTo("invalid_second_factor_clients");

        Map<String, Object> incomplete = new LinkedHashMap<>();
        incomplete.put("trusted_networks", List.of("10.0.0.0/8"));
        Api.Response partial = api.putJson("/admin/api/policy", Api.ADMIN_TOKEN, incomplete);
        assertThat(partial.status()).isEqualTo(400);
        assertThat(partial.json().get("error").asText()).isEqualTo("invalid_request");

        Api.Response anonymous = api.putJson("/admin/api/policy", null, policy(List.of(), false, List.of()));
        assertThat(anonymous.status()).as("RFC 6750 §3.1").isEqualTo(401);
        assertThat(api.get("/admin/api/policy", "wrong").status()).isEqualTo(401);

        assertThat(policyEvents()).isEqualTo(events);
    }

    private long policyEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE type = 'AuthenticationPolicyAggregate'",
                Long.class);
    }

    private static Map<String, Object> policy(List<String> networks, boolean otpOutside, List<String> clients) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("trusted_networks", networks);
        body.put("otp_outside_trusted_networks", otpOutside);
        body.put("second_factor_clients", clients);
        return body;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private HttpResponse<String> signIn(Browser browser, String email) throws Exception {
        return browser.submit(browser.get("/signin").body(), "/signin", Map.of("email", email, "password", PASSWORD),
                null);
    }
}
