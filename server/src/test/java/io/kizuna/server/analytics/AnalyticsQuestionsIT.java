package io.kizuna.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
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
 * Every analytics question against a known pattern of six members on three services in February 2026
 * (weeks start Monday 2, 9, 16, 23). The figures below are worked out by hand from this pattern:
 *
 * <pre>
 *        registered   signed in (amr)                        consents  tokens (grant type)
 *  m1    A  Feb 2     A 2 (pwd, +1 failed) A 3 (pwd otp)       A 2, B 3  A 2 code, A 9 refresh
 *                     B 3, A 10                                A 10
 *  m2    A  Feb 3     A 3, C 17 (pwd otp)                      A 3       C 24 code
 *  m3    B  Feb 4     B 4 (+2 failed), B 5, A 12 (pwd otp)     B 4       B 4 code
 *  m4    self Feb 5   C 5, A 5, B 6                            C 5
 *  m5    C  Feb 10    C 10 (+1 failed)                         C 10
 *  m6    A  Feb 11    A 11                                     A 11
 *  C also gets a client-credentials token on Feb 6.
 *  First use: m1 A then B; m2 A then C; m3 B then A; m4 C then A, B; m5 C; m6 A.
 * </pre>
 */
@KizunaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsQuestionsIT {
    private static final String FEBRUARY = "from=2026-02-01&to=2026-02-28";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    Producer<String, String> producer;

    String a;
    String b;
    String c;
    String abc;
    Api api;

    @BeforeAll
    void publishKnownPattern() throws Exception {
        String run = "q" + UUID.randomUUID().toString().substring(0, 8);
        a = run + "-a";
        b = run + "-b";
        c = run + "-c";
        abc = "service=" + a + "," + b + "," + c;
        api = new Api(issuer);
        String m1 = UUID.randomUUID().toString();
        String m2 = UUID.randomUUID().toString();
        String m3 = UUID.randomUUID().toString();
        String m4 = UUID.randomUUID().toString();
        String m5 = UUID.randomUUID().toString();
        String m6 = UUID.randomUUID().toString();
        SyntheticLedger ledger = new SyntheticLedger(producer);
        ledger.registered(m1, a, "2026-02-02T10:00:00Z");
        ledger.loginFailed(m1, a, "2026-02-02T10:01:00Z");
        ledger.login(m1, a, "2026-02-02T10:02:00Z", "pwd");
        ledger.consent(m1, a, "2026-02-02T10:03:00Z");
        ledger.token(m1, a, "authorization_code", "2026-02-02T10:04:00Z");
        ledger.login(m1, a, "2026-02-03T08:00:00Z", "pwd", "otp");
        ledger.login(m1, b, "2026-02-03T09:00:00Z", "pwd");
        ledger.consent(m1, b, "2026-02-03T09:01:00Z");
        ledger.token(m1, a, "refresh_token", "2026-02-09T03:00:00Z");
        ledger.login(m1, a, "2026-02-10T12:00:00Z", "pwd");
        ledger.consent(m1, a, "2026-02-10T12:01:00Z");

        ledger.registered(m2, a, "2026-02-03T10:00:00Z");
        ledger.login(m2, a, "2026-02-03T10:01:00Z", "pwd");
        ledger.consent(m2, a, "2026-02-03T10:02:00Z");
        ledger.login(m2, c, "2026-02-17T23:59:59Z", "pwd", "otp");
        ledger.token(m2, c, "authorization_code", "2026-02-24T00:00:00Z");

        ledger.registered(m3, b, "2026-02-04T10:00:00Z");
        ledger.loginFailed(m3, b, "2026-02-04T10:01:00Z");
        ledger.loginFailed(m3, b, "2026-02-04T10:02:00Z");
        ledger.login(m3, b, "2026-02-04T10:03:00Z", "pwd");
        ledger.consent(m3, b, "2026-02-04T10:04:00Z");
        ledger.token(m3, b, "authorization_code", "2026-02-04T10:05:00Z");
        ledger.login(m3, b, "2026-02-05T10:00:00Z", "pwd");
        ledger.login(m3, a, "2026-02-12T10:00:00Z", "pwd", "otp");

        ledger.registered(m4, "self", "2026-02-05T07:00:00Z");
        ledger.login(m4, c, "2026-02-05T07:01:00Z", "pwd");
        ledger.consent(m4, c, "2026-02-05T07:02:00Z");
        ledger.login(m4, a, "2026-02-05T07:03:00Z", "pwd");
        ledger.login(m4, b, "2026-02-06T07:00:00Z", "pwd");
        ledger.clientToken(c, "2026-02-06T08:00:00Z");

        ledger.registered(m5, c, "2026-02-10T10:00:00Z");
        ledger.loginFailed(m5, c, "2026-02-10T10:01:00Z");
        ledger.login(m5, c, "2026-02-10T10:02:00Z", "pwd");
        ledger.consent(m5, c, "2026-02-10T10:03:00Z");

        ledger.registered(m6, a, "2026-02-11T10:00:00Z");
        ledger.login(m6, a, "2026-02-11T10:01:00Z", "pwd");
        ledger.consent(m6, a, "2026-02-11T10:02:00Z");
        ledger.awaitIndexed(elasticsearch);
    }

    @Test
    @DisplayName("DAU: distinct active members per service per UTC day; refresh tokens and failed sign-ins are not activity")
    void requestWhenDailyActiveMembersThenExactPerServiceAndDay() throws Exception {
        JsonNode body = ok("/api/analytics/active-members?interval=day&" + FEBRUARY + "&" + abc);
        assertThat(body.get("interval").asText()).isEqualTo("day");
        assertThat(rows(body.get("rows"), "period", "service", "active_members")).containsExactly(
                "2026-02-02 A 1", "2026-02-03 A 2", "2026-02-03 B 1", "2026-02-04 B 1", "2026-02-05 A 1",
                "2026-02-05 B 1", "2026-02-05 C 1", "2026-02-06 B 1", "2026-02-10 A 1", "2026-02-10 C 1",
                "2026-02-11 A 1", "2026-02-12 A 1", "2026-02-17 C 1", "2026-02-24 C 1");
    }

    @Test
    @DisplayName("WAU: distinct active members per service per ISO week starting Monday")
    void requestWhenWeeklyActiveMembersThenExactPerServiceAndWeek() throws Exception {
        JsonNode body = ok("/api/analytics/active-members?interval=week&" + FEBRUARY + "&" + abc);
        assertThat(rows(body.get("rows"), "period", "service", "active_members")).containsExactly(
                "2026-02-02 A 3", "2026-02-02 B 3", "2026-02-02 C 1", "2026-02-09 A 3", "2026-02-09 C 1",
                "2026-02-16 C 1", "2026-02-23 C 1");
    }

    @Test
    @DisplayName("MAU: distinct active members per service per calendar month; the service filter narrows to one service")
    void requestWhenMonthlyActiveMembersThenExactPerService() throws Exception {
        JsonNode body = ok("/api/analytics/active-members?interval=month&" + FEBRUARY + "&" + abc);
        assertThat(rows(body.get("rows"), "period", "service", "active_members"))
                .containsExactly("2026-02-01 A 5", "2026-02-01 B 3", "2026-02-01 C 3");
        JsonNode onlyB = ok("/api/analytics/active-members?interval=month&" + FEBRUARY + "&service=" + b);
        assertThat(rows(onlyB.get("rows"), "period", "service", "active_members")).containsExactly("2026-02-01 B 3");
    }

    @Test
    @DisplayName("stickiness = average DAU over the 28 days ÷ members active in the range")
    void requestWhenStickinessThenAverageDailyOverMonthly() throws Exception {
        JsonNode body = ok("/api/analytics/stickiness?" + FEBRUARY + "&" + abc);
        assertThat(rows(body.get("rows"), "service", "days", "average_daily_active", "active_members", "stickiness"))
                .containsExactly("A 28 0.25 5 0.05", "B 28 0.1429 3 0.0476", "C 28 0.1429 3 0.0476");
    }

    @Test
    @DisplayName("overlap: exact members per combination of services, zero combinations included, date range honoured")
    void requestWhenOverlapThenExactMembersPerCombination() throws Exception {
        JsonNode month = ok("/api/analytics/overlap?" + FEBRUARY + "&" + abc);
        assertThat(rows(month.get("combinations"), "services", "members")).containsExactly(
                "[A] 1", "[B] 0", "[C] 1", "[A, B] 2", "[A, C] 1", "[B, C] 0", "[A, B, C] 1");
        assertThat(month.get("members").asLong()).isEqualTo(6);
        assertThat(month.get("members_per_service").get(a).asLong()).isEqualTo(5);
        assertThat(month.get("members_per_service").get(b).asLong()).isEqualTo(3);
        assertThat(month.get("members_per_service").get(c).asLong()).isEqualTo(3);

        JsonNode firstWeek = ok("/api/analytics/overlap?from=2026-02-01&to=2026-02-08&" + abc);
        assertThat(rows(firstWeek.get("combinations"), "services", "members")).containsExactly(
                "[A] 1", "[B] 1", "[C] 0", "[A, B] 1", "[A, C] 0", "[B, C] 0", "[A, B, C] 1");

        JsonNode twoServices = ok("/api/analytics/overlap?" + FEBRUARY + "&service=" + b + "&service=" + c);
        assertThat(rows(twoServices.get("combinations"), "services", "members"))
                .containsExactly("[B] 2", "[C] 2", "[B, C] 1");
    }

    @Test
    @DisplayName("acquisition: members who first used a service in the range, by the service they had used first")
    void requestWhenAcquisitionThenFirstServiceOfEachNewMemberOfAService() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(rows(
                ok("/api/analytics/acquisition?" + FEBRUARY + "&" + abc).get("rows"), "service", "came_from", "members"))
                .containsExactly("A (new) 3", "A B 1", "A C 1", "B (new) 1", "B A 1", "B C 1", "C (new) 2", "C A 1"));
        assertThat(rows(ok("/api/analytics/acquisition?from=2026-02-06&to=2026-02-28&service=" + b).get("rows"),
                "service", "came_from", "members")).containsExactly("B C 1");
    }

    @Test
    @DisplayName("registrations by service of origin; registrations on Kizuna's own page count as (direct)")
    void requestWhenRegistrationsThenCountedByServiceOfOrigin() throws Exception {
        assertThat(rows(ok("/api/analytics/registrations?" + FEBRUARY).get("rows"), "service", "registrations"))
                .containsExactly("(direct) 1", "A 3", "B 1", "C 1");
        assertThat(rows(ok("/api/analytics/registrations?" + FEBRUARY + "&service=" + a).get("rows"),
                "service", "registrations")).containsExactly("A 3");
    }

    @Test
    @DisplayName("sign-ins: successes, failures and multi-factor successes per service, with their rates")
    void requestWhenSignInsThenSuccessFailureAndMfaRates() throws Exception {
        assertThat(rows(ok("/api/analytics/sign-ins?" + FEBRUARY + "&" + abc).get("rows"), "service", "succeeded",
                "failed", "multi_factor", "success_rate", "failure_rate", "multi_factor_rate")).containsExactly(
                "A 7 1 2 0.875 0.125 0.2857", "B 4 2 0 0.6667 0.3333 0.0", "C 3 1 1 0.75 0.25 0.3333");
    }

    @Test
    @DisplayName("consents granted per client: every grant counted, members counted once")
    void requestWhenConsentsThenGrantsAndMembersPerClient() throws Exception {
        assertThat(rows(ok("/api/analytics/consents?" + FEBRUARY + "&" + abc).get("rows"), "client_id", "consents",
                "members")).containsExactly("A 4 3", "B 2 2", "C 2 2");
    }

    @Test
    @DisplayName("access tokens issued per client, split by grant type")
    void requestWhenTokensThenIssuancePerClientAndGrantType() throws Exception {
        assertThat(rows(ok("/api/analytics/tokens?" + FEBRUARY + "&" + abc).get("rows"), "client_id", "tokens",
                "by_grant_type")).containsExactly(
                "A 2 {\"authorization_code\":1,\"refresh_token\":1}", "B 1 {\"authorization_code\":1}",
                "C 2 {\"authorization_code\":1,\"client_credentials\":1}");
    }

    @Test
    @DisplayName("weekly cohorts of new members and how many of them are active 0..3 weeks later, overall and on one service")
    void requestWhenCohortRetentionThenMembersActivePerWeekAfterRegistration() throws Exception {
        JsonNode all = ok("/api/analytics/cohort-retention?" + FEBRUARY + "&weeks=3");
        assertThat(all.get("weeks").asInt()).isEqualTo(3);
        assertThat(rows(all.get("cohorts"), "week", "members", "retained", "rates")).containsExactly(
                "2026-02-02 4 [4,2,1,1] [1.0,0.5,0.25,0.25]", "2026-02-09 2 [2,0,0,0] [1.0,0.0,0.0,0.0]");
        JsonNode onC = ok("/api/analytics/cohort-retention?" + FEBRUARY + "&weeks=3&service=" + c);
        assertThat(rows(onC.get("cohorts"), "week", "members", "retained", "rates")).containsExactly(
                "2026-02-02 4 [1,0,1,1] [0.25,0.0,0.25,0.25]", "2026-02-09 2 [1,0,0,0] [0.5,0.0,0.0,0.0]");
    }

    @Test
    @DisplayName("a malformed question answers 400 invalid_request with a description, never 500")
    void requestWhenParametersInvalidThen400InvalidRequest() throws Exception {
        for (String[] bad : new String[][] {
                {"/api/analytics/active-members?from=2026-02-30", "from and to must be ISO dates (yyyy-MM-dd)"},
                {"/api/analytics/sign-ins?from=2026-03-01&to=2026-02-01", "from must not be after to, and the range is at most 366 days"},
                {"/api/analytics/consents?from=2024-01-01&to=2026-01-01", "from must not be after to, and the range is at most 366 days"},
                {"/api/analytics/active-members?interval=year", "interval must be day, week or month"},
                {"/api/analytics/overlap?service=" + a, "overlap needs 2 to 6 services (service=a,b,…)"},
                {"/api/analytics/cohort-retention?weeks=99", "weeks must be an integer from 0 to 26"},
                {"/api/analytics/tokens?service=a%20b", "service must be client ids of 1-200 printable ASCII characters"}}) {
            Api.Response r = api.get(bad[0], null);
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("invalid_request");
            assertThat(r.json().get("error_description").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
    }

    private JsonNode ok(String path) throws Exception {
        Api.Response r = api.get(path, null);
        assertThat(r.status()).as(path + " → " + r.raw().body()).isEqualTo(200);
        return r.json();
    }

    /** Each row as its fields joined by spaces, with the run's service ids shortened to A, B, C. */
    private List<String> rows(JsonNode rows, String... fields) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> values = new ArrayList<>();
            for (String field : fields) {
                JsonNode v = row.get(field);
                String text = v.isArray() && v.size() > 0 && v.get(0).isTextual()
                        ? v.toString().replace("\"", "").replace(",", ", ") : v.isContainerNode() ? v.toString() : v.asText();
                values.add(text.replace(a, "A").replace(b, "B").replace(c, "C"));
            }
            out.add(String.join(" ", values));
        }
        return out;
    }
}
