package io.kizuna.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** Single sign-on sessions as ledger aggregates: listed in /account, ended one by one or everywhere. */
@KizunaIntegrationTest
class SessionsIT {
    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("a member signed in on two browsers ends the other one, then signs out everywhere")
    void requestWhenEndingSessionsThenBrowsersAreSignedOutAndTheLedgerSaysWhy() throws Exception {
        String email = "sessions-" + UUID.randomUUID() + "@example.jp";
        String memberId = new Api(issuer).registerMember(email, "a long enough password", "Session Tester");
        Browser laptop = signedIn(email);
        Browser phone = signedIn(email);

        HttpResponse<String> account = laptop.get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        Matcher ids = Pattern.compile("data-session-id=\"([^\"]+)\"").matcher(account.body());
        java.util.List<String> listed = new java.util.ArrayList<>();
        while (ids.find()) {
            listed.add(ids.group(1));
        }
        assertThat(listed).hasSize(2);
        String phoneSession = jdbc.queryForObject("SELECT session_id FROM member_session WHERE member_id = ? "
                + "ORDER BY started_at DESC LIMIT 1", String.class, memberId);

        HttpResponse<String> ended = laptop.submit(account.body(), "/account/sessions/" + phoneSession + "/end",
                Map.of(), null);
        assertThat(ended.headers().firstValue("Location")).contains("/account");
        assertThat(phone.get("/account").statusCode()).as("the phone is signed out").isEqualTo(303);
        assertThat(laptop.get("/account").statusCode()).as("the laptop stays signed in").isEqualTo(200);

        HttpResponse<String> everywhere = laptop.submit(laptop.get("/account").body(), "/account/sessions/end-all",
                Map.of(), null);
        assertThat(everywhere.headers().firstValue("Location")).contains("/signin");
        assertThat(laptop.get("/account").statusCode()).isEqualTo(303);

        assertThat(jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8') FROM domainevententry
                WHERE payloadtype LIKE '%SessionEnded' AND convert_from(payload, 'UTF8') LIKE ? ORDER BY globalindex""",
                String.class, "%" + memberId + "%"))
                .hasSize(2)
                .satisfies(events -> {
                    assertThat(events.get(0)).contains("ended_from_account").contains(phoneSession);
                    assertThat(events.get(1)).contains("signed_out_everywhere");
                });
        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE payloadtype LIKE '%SessionStarted' AND convert_from(payload, 'UTF8') LIKE ?", String.class,
                "%" + memberId + "%")).hasSize(2).allMatch(p -> p.contains("secretHash"));
    }

    private Browser signedIn(String email) throws Exception {
        Browser browser = new Browser(issuer);
        HttpResponse<String> page = browser.get("/signin");
        HttpResponse<String> signedIn = browser.submit(page.body(), "/signin",
                Map.of("email", email, "password", "a long enough password"), null);
        assertThat(signedIn.statusCode()).isIn(302, 303);
        return browser;
    }
}
