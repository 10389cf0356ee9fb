package io.kizuna.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The region and authentication-method filters (RFC 8176 {@code amr}) against a known pattern in March
 * 2027 (Monday 1 and 8), on two services of this run. Region is what the server's {@code kizuna.regions}
 * table placed the sign-in's source address in; "—" is a sign-in from an address outside the table.
 *
 * <pre>
 *        registered   signed in: service day region [amr]              failed
 *  m1    —            A 1 JP-13 [pwd], A 2 JP-13 [pwd otp]              A 2 JP-13
 *  m2    —            A 1 US [pwd], B 3 JP-27 [pwd otp]
 *  m3    —            B 1 — [pwd]                                       B 1 US
 *  m4    A  Mar 1     A 8 JP-13 [pwd]
 * </pre>
 */
@KizunaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsFiltersIT {
    private static final String MARCH = "from=2027-03-01&to=2027-03-31";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    Producer<String, String> producer;

    String a;
    String b;
    String ab;
    Api api;

    @BeforeAll
    void publishKnownPattern() throws Exception {
        String run = "f" + UUID.randomUUID().toString().substring(0, 8);
        a = run + "-a";
        b = run + "-b";
        ab = "service=" + a + "," + b;
        api = new Api(issuer);
        String m1 = UUID.randomUUID().toString();
        String m2 = UUID.randomUUID().toString();
        String m3 = UUID.randomUUID().toString();
        String m4 = UUID.randomUUID().toString();
        SyntheticLedger ledger = new SyntheticLedger(producer);
        ledger.loginFrom(m1, a, "2027-03-01T10:00:00Z", "JP-13", "pwd");
        ledger.loginFailedFrom(m1, a, "2027-03-02T09:59:00Z", "JP-13");
        ledger.loginFrom(m1, a, "2027-03-02T10:00:00Z", "JP-13", "pwd", "otp");
        ledger.loginFrom(m2, a, "2027-03-01T11:00:00Z", "US", "pwd");
        ledger.loginFrom(m2, b, "2027-03-03T10:00:00Z", "JP-27", "pwd", "otp");
        ledger.loginFailedFrom(m3, b, "2027-03-01T11:59:00Z", "US");
        ledger.loginFrom(m3, b, "2027-03-01T12:00:00Z", null, "pwd");
        ledger.registered(m4, a, "2027-03-01T13:00:00Z");
        ledger.loginFrom(m4, a, "2027-03-08T10:00:00Z", "JP-13", "pwd");
        ledger.awaitIndexed(elasticsearch);
    }

    @Test
    @DisplayName("sign-ins per region: successes, failures and multi-factor of sign-ins placed in the region only")
    void requestWhenSignInsByRegionThenOnlyThatRegion() throws Exception {
        assertThat(rows(ok("/api/analytics/sign-ins?" + MARCH + "&" + ab + "&region=JP-13").get("rows"),
                "service", "succeeded", "failed", "multi_factor", "success_rate", "failure_rate", "multi_factor_rate"))
                .containsExactly("A 3 1 1 0.75 0.25 0.3333");
        assertThat(rows(ok("/api/analytics/sign-ins?" + MARCH + "&" + ab + "&region=US").get("rows"),
                "service", "succeeded", "failed", "success_rate", "failure_rate"))
                .containsExactly("A 1 0 1.0 0.0", "B 0 1 0.0 1.0");
        JsonNode both = ok("/api/analytics/sign-ins?" + MARCH + "&" + ab + "&region=JP-13,JP-27");
        assertThat(rows(both.get("rows"), "service", "succeeded", "failed", "multi_factor"))
                .containsExactly("A 3 1 1", "B 1 0 1");
        assertThat(both.get("regions").toString()).isEqualTo("[\"JP-13\",\"JP-27\"]");
        assertThat(rows(ok("/api/analytics/sign-ins?" + MARCH + "&" + ab).get("rows"),
                "service", "succeeded", "failed", "multi_factor")).containsExactly("A 4 1 1", "B 2 1 1");
    }

    @Test
    @DisplayName("sign-ins per authentication method (amr value): failed attempts carry no amr, so only successes match")
    void requestWhenSignInsByMethodThenOnlySignInsWithThatFactor() throws Exception {
        JsonNode otp = ok("/api/analytics/sign-ins?" + MARCH + "&" + ab + "&method=otp");
        assertThat(rows(otp.get("rows"), "service", "succeeded", "failed", "multi_factor", "multi_factor_rate"))
                .containsExactly("A 1 0 1 1.0", "B 1 0 1 1.0");
        assertThat(otp.get("methods").toString()).isEqualTo("[\"otp\"]");
        assertThat(rows(ok("/api/analytics/sign-ins?" + MARCH + "&" + ab + "&method=pwd").get("rows"),
                "service", "succeeded", "failed")).containsExactly("A 4 0", "B 2 0");
    }

    @Test
    @DisplayName("active members filtered by region or method count members active through matching sign-ins")
    void requestWhenActiveMembersFilteredThenExact() throws Exception {
        assertThat(rows(ok("/api/analytics/active-members?interval=month&" + MARCH + "&" + ab + "&region=JP-13")
                .get("rows"), "period", "service", "active_members")).containsExactly("2027-03-01 A 2");
        assertThat(rows(ok("/api/analytics/active-members?interval=day&" + MARCH + "&" + ab + "&method=otp")
                .get("rows"), "period", "service", "active_members"))
                .containsExactly("2027-03-02 A 1", "2027-03-03 B 1");
        // without a filter, m4's registration through A is activity too (A: m1, m2, m4)
        assertThat(rows(ok("/api/analytics/active-members?interval=month&" + MARCH + "&" + ab).get("rows"),
                "period", "service", "active_members")).containsExactly("2027-03-01 A 3", "2027-03-01 B 2");
        assertThat(rows(ok("/api/analytics/stickiness?from=2027-03-01&to=2027-03-02&" + ab + "&region=JP-13")
                .get("rows"), "service", "days", "average_daily_active", "active_members", "stickiness"))
                .containsExactly("A 2 1.0 1 1.0");
    }

    @Test
    @DisplayName("overlap filtered by region: exact combinations of the members' sign-ins from those regions")
    void requestWhenOverlapByRegionThenExact() throws Exception {
        JsonNode japan = ok("/api/analytics/overlap?" + MARCH + "&" + ab + "&region=JP-13,JP-27");
        assertThat(rows(japan.get("combinations"), "services", "members")).containsExactly("[A] 2", "[B] 1", "[A, B] 0");
        JsonNode all = ok("/api/analytics/overlap?" + MARCH + "&" + ab + "&method=pwd");
        assertThat(rows(all.get("combinations"), "services", "members")).containsExactly("[A] 2", "[B] 1", "[A, B] 1");
    }

    @Test
    @DisplayName("cohort retention with a region: the cohort is every registration, its activity only sign-ins from the region")
    void requestWhenCohortRetentionByRegionThenActivityFiltered() throws Exception {
        String week = "/api/analytics/cohort-retention?from=2027-03-01&to=2027-03-01&weeks=1&service=" + a;
        assertThat(rows(ok(week).get("cohorts"), "week", "members", "retained")).containsExactly("2027-03-01 1 [1,1]");
        assertThat(rows(ok(week + "&region=JP-13").get("cohorts"), "week", "members", "retained"))
                .containsExactly("2027-03-01 1 [0,1]");
        assertThat(rows(ok(week + "&region=US").get("cohorts"), "week", "members", "retained"))
                .containsExactly("2027-03-01 1 [0,0]");
    }

    @Test
    @DisplayName("registrations, acquisition, consents and tokens carry no region or amr: the filter is refused, 400")
    void requestWhenSignInFilterOnOtherQuestionsThen400() throws Exception {
        Api.Response r = api.get("/api/analytics/registrations?" + MARCH + "&method=pwd", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(r.json().get("error_description").asText())
                .isEqualTo("region and method filter sign-in events; registrations is about events that carry neither");
    }

    private JsonNode ok(String path) throws Exception {
        Api.Response r = api.get(path, null);
        assertThat(r.status()).as(path + " → " + r.raw().body()).isEqualTo(200);
        return r.json();
    }

    private List<String> rows(JsonNode rows, String... fields) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> values = new ArrayList<>();
            for (String field : fields) {
                JsonNode v = row.get(field);
                String text = v.isArray() && v.size() > 0 && v.get(0).isTextual()
                        ? v.toString().replace("\"", "").replace(",", ", ") : v.isContainerNode() ? v.toString() : v.asText();
                values.add(text.replace(a, "A").replace(b, "B"));
            }
            out.add(String.join(" ", values));
        }
        return out;
    }
}
