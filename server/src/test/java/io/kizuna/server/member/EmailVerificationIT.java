package io.kizuna.server.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.CodeFlow;
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
 * E-mail verification against the real servers: registration mails a one-time link to the embedded
 * outbox; following it appends {@code member.email.verified} and UserInfo says {@code email_verified}.
 */
@KizunaIntegrationTest
class EmailVerificationIT {
    private static final String REDIRECT = "https://verify.example.jp/cb";
    private static final Pattern LINK = Pattern.compile("(/verify-email\\?token=([A-Za-z0-9_-]+))");

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("API registration → outbox mail → link verifies once → UserInfo email_verified true; ledger holds no token or address")
    void requestWhenLinkFollowedThenEmailVerifiedInUserInfoAndLedger() throws Exception {
        Api api = new Api(issuer);
        String[] client = api.registerWebClient(REDIRECT);
        String email = "verify-" + UUID.randomUUID() + "@example.jp";
        String password = "verify password 123";
        String memberId = api.registerMember(email, password, "Verify Tester");
        CodeFlow.Result flow = CodeFlow.run(issuer, client[0], REDIRECT, email, password, "openid email");
        String accessToken = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", flow.code(), "redirect_uri", REDIRECT, "code_verifier", flow.verifier()))
                .json().get("access_token").asText();
        assertThat(api.get("/userinfo", accessToken).json().get("email_verified").asBoolean()).isFalse();

        Browser browser = new Browser(issuer);
        String[] link = linkMailedTo(browser, email);
        assertThat(jdbc.queryForList("SELECT token_hash FROM email_verification WHERE member_id = ?", String.class,
                memberId)).hasSize(1).doesNotContain(link[1]);

        HttpResponse<String> verified = browser.get(link[0]);
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.body()).contains("Your e-mail address is confirmed");
        assertThat(browser.get(link[0]).statusCode()).as("the link works once").isEqualTo(400);

        JsonNode userinfo = api.get("/userinfo", accessToken).json();
        assertThat(userinfo.get("email").asText()).isEqualTo(email);
        assertThat(userinfo.get("email_verified").asBoolean()).isTrue();

        List<String> events = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%MemberEmailVerified'", String.class, memberId);
        assertThat(events).hasSize(1).allSatisfy(p -> assertThat(p).doesNotContain(email).doesNotContain(link[1]));
    }

    @Test
    @DisplayName("page registration mails a link; the account console sends a new one (not twice a minute) that replaces the old")
    void requestWhenResentFromAccountThenOnlyTheNewLinkWorks() throws Exception {
        String email = "resend-" + UUID.randomUUID() + "@example.jp";
        String password = "resend password 123";
        Browser browser = new Browser(issuer);
        HttpResponse<String> registered = browser.submit(browser.get("/register").body(), "/register",
                Map.of("name", "Resend Tester", "email", email, "password", password, "locale", "en"), null);
        assertThat(registered.statusCode()).isEqualTo(303);
        String[] first = linkMailedTo(browser, email);

        HttpResponse<String> signedIn = browser.submit(browser.get("/signin").body(), "/signin",
                Map.of("email", email, "password", password), null);
        assertThat(signedIn.statusCode()).isIn(302, 303);
        HttpResponse<String> tooSoon = browser.submit(browser.get("/account").body(), "/account/email/verification",
                Map.of(), null);
        assertThat(tooSoon.headers().firstValue("Location")).contains("/account?verification=resend_too_soon");

        // the first link was issued more than a minute ago, as far as the resend brake can tell
        jdbc.update("UPDATE email_verification SET expires_at = expires_at - interval '2 minutes' WHERE token_hash = ?",
                TokenHashes.sha256(first[1]));
        HttpResponse<String> resent = browser.submit(browser.get("/account").body(), "/account/email/verification",
                Map.of(), null);
        assertThat(resent.headers().firstValue("Location")).contains("/account?verification=sent");
        String[] second = linkMailedTo(browser, email);
        assertThat(second[1]).isNotEqualTo(first[1]);

        assertThat(browser.get(first[0]).statusCode()).as("the replaced link").isEqualTo(400);
        assertThat(browser.get(second[0]).statusCode()).isEqualTo(200);
        HttpResponse<String> again = browser.submit(browser.get("/account").body(), "/account/email/verification",
                Map.of(), null);
        assertThat(again.headers().firstValue("Location")).contains("/account?verification=already_verified");
    }

    /** The newest mail to {@code email} on the demo outbox page: [path with token, token]. */
    private static String[] linkMailedTo(Browser browser, String email) throws Exception {
        HttpResponse<String> outbox = browser.get("/outbox");
        assertThat(outbox.statusCode()).isEqualTo(200);
        for (String mail : outbox.body().split("class=\"mail\"")) {
            if (mail.contains(">" + email + "<")) {
                Matcher m = LINK.matcher(mail);
                assertThat(m.find()).as("a verification link in the mail to %s", email).isTrue();
                return new String[] {m.group(1), m.group(2)};
            }
        }
        throw new AssertionError("no mail to " + email + " in the outbox");
    }
}
