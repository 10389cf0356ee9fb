package io.kizuna.server.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Password reset by mailed link and change in the account console, against the real servers: the
 * old password stops working, other sessions end, and the ledger holds the new hash only.
 */
@KizunaIntegrationTest
class PasswordResetIT {
    private static final Pattern LINK = Pattern.compile("(/password/reset\\?token=([A-Za-z0-9_-]+))");

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("forgot → same answer for known and unknown addresses → mailed link → common password refused → reset ends every session")
    void requestWhenResetByLinkThenNewPasswordOnlyAndSessionsEnded() throws Exception {
        String email = "reset-" + UUID.randomUUID() + "@example.jp";
        String oldPassword = "old reset password 123";
        String newPassword = "new reset password 456";
        String memberId = new Api(issuer).registerMember(email, oldPassword, "Reset Tester");
        Browser laptop = signedIn(email, oldPassword);
        Browser anonymous = new Browser(issuer, Map.of("X-Forwarded-For", "198.51.100.20"));

        HttpResponse<String> known = anonymous.submit(anonymous.get("/password/forgot").body(), "/password/forgot",
                Map.of("email", email), null);
        HttpResponse<String> unknown = anonymous.submit(anonymous.get("/password/forgot").body(), "/password/forgot",
                Map.of("email", "nobody-" + UUID.randomUUID() + "@example.jp"), null);
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).isEqualTo(known.body());

        String[] link = linkMailedTo(anonymous, email);
        assertThat(jdbc.queryForList("SELECT token_hash FROM password_reset WHERE member_id = ?", String.class, memberId))
                .hasSize(1).doesNotContain(link[1]);
        HttpResponse<String> form = anonymous.get(link[0]);
        assertThat(form.statusCode()).isEqualTo(200);
        HttpResponse<String> common = anonymous.submit(form.body(), "/password/reset", Map.of("password", "Password1234"), null);
        assertThat(common.statusCode()).isEqualTo(400);
        assertThat(common.body()).contains("most common");
        HttpResponse<String> done = anonymous.submit(common.body(), "/password/reset", Map.of("password", newPassword), null);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Your password is changed");
        assertThat(anonymous.get(link[0]).statusCode()).as("the link works once").isEqualTo(400);

        assertThat(laptop.get("/account").statusCode()).as("the laptop was signed out").isEqualTo(303);
        assertThat(signIn(new Browser(issuer), email, oldPassword).statusCode()).isEqualTo(401);
        assertThat(signIn(new Browser(issuer), email, newPassword).statusCode()).isIn(302, 303);

        List<String> changed = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%MemberPasswordChanged'", String.class, memberId);
        assertThat(changed).hasSize(1).allSatisfy(p -> assertThat(p).contains("$argon2id$").contains("\"reset\"")
                .doesNotContain(newPassword).doesNotContain(link[1]).doesNotContain(email));
        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE payloadtype LIKE '%SessionEnded' AND convert_from(payload, 'UTF8') LIKE ?", String.class,
                "%" + memberId + "%")).hasSize(1).allSatisfy(p -> assertThat(p).contains("password_changed"));
    }

    @Test
    @DisplayName("one source address gets 10 reset requests per 15 minutes, then 429 — for known and unknown addresses alike")
    void requestWhenSourceAsksTooOftenThenThrottled() throws Exception {
        Browser flood = new Browser(issuer, Map.of("X-Forwarded-For", "198.51.100.30"));
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> answer = flood.submit(flood.get("/password/forgot").body(), "/password/forgot",
                    Map.of("email", "flood-" + i + "@example.jp"), null);
            assertThat(answer.statusCode()).as("request %d", i).isEqualTo(200);
        }
        HttpResponse<String> refused = flood.submit(flood.get("/password/forgot").body(), "/password/forgot",
                Map.of("email", "flood-x@example.jp"), null);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("role=\"alert\"");
    }

    @Test
    @DisplayName("account console: wrong current password refused; a change keeps this browser and signs the others out")
    void requestWhenChangedInAccountThenOtherSessionsEnd() throws Exception {
        String email = "change-" + UUID.randomUUID() + "@example.jp";
        String oldPassword = "old change password 123";
        String newPassword = "new change password 456";
        new Api(issuer).registerMember(email, oldPassword, "Change Tester");
        Browser laptop = signedIn(email, oldPassword);
        Browser phone = signedIn(email, oldPassword);

        HttpResponse<String> form = laptop.get("/account/password");
        assertThat(form.statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = laptop.submit(form.body(), "/account/password",
                Map.of("current", "not the password", "password", newPassword), null);
        assertThat(wrong.statusCode()).isEqualTo(400);
        HttpResponse<String> changed = laptop.submit(wrong.body(), "/account/password",
                Map.of("current", oldPassword, "password", newPassword), null);
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(changed.headers().firstValue("Location")).contains("/account?password=changed");

        assertThat(laptop.get("/account").statusCode()).as("this browser stays signed in").isEqualTo(200);
        assertThat(phone.get("/account").statusCode()).as("the phone was signed out").isEqualTo(303);
        assertThat(signIn(new Browser(issuer), email, newPassword).statusCode()).isIn(302, 303);
    }

    private Browser signedIn(String email, String password) throws Exception {
        Browser browser = new Browser(issuer);
        assertThat(signIn(browser, email, password).statusCode()).isIn(302, 303);
        return browser;
    }

    private static HttpResponse<String> signIn(Browser browser, String email, String password) throws Exception {
        return browser.submit(browser.get("/signin").body(), "/signin", Map.of("email", email, "password", password), null);
    }

    private static String[] linkMailedTo(Browser browser, String email) throws Exception {
        HttpResponse<String> outbox = browser.get("/outbox");
        assertThat(outbox.statusCode()).isEqualTo(200);
        for (String mail : outbox.body().split("class=\"mail\"")) {
            if (mail.contains(">" + email + "<")) {
                Matcher m = LINK.matcher(mail);
                if (m.find()) {
                    return new String[] {m.group(1), m.group(2)};
                }
            }
        }
        throw new AssertionError("no reset mail to " + email + " in the outbox");
    }
}
