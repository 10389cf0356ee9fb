package io.kizuna.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.kizuna.member.TotpCodes;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The policy of the example: inside the company network (here loopback) a password suffices; from
 * outside (a proxy's X-Forwarded-For) a TOTP code (RFC 6238) is also required, and acr/amr say so.
 */
@KizunaIntegrationTest
class AuthenticationPolicyIT {
    static final Map<String, String> OUTSIDE = Map.of("X-Forwarded-For", "203.0.113.7");
    static final String PASSWORD = "a long enough password";
    static final String REDIRECT = "https://policy.example.jp/cb";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    TotpCodes totp;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("password only inside the company network; password + TOTP outside; a TOTP code works once")
    void requestWhenSigningInFromOutsideThenTotpIsRequired() throws Exception {
        Api api = new Api(issuer);
        String email = "policy-" + UUID.randomUUID() + "@example.jp";
        String memberId = api.registerMember(email, PASSWORD, "Policy Tester");

        // outside, no authenticator yet: refused, and the ledger says why
        HttpResponse<String> refused = signIn(new Browser(issuer, OUTSIDE), email);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("second factor");
        assertThat(failureReasons(memberId)).containsExactly("second_factor_not_enrolled");

        // inside: password only; enrol an authenticator from the account console
        Browser office = new Browser(issuer);
        assertThat(signIn(office, email).statusCode()).isEqualTo(303);
        HttpResponse<String> mfa = office.get("/account/mfa");
        Matcher secret = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(mfa.body());
        assertThat(secret.find()).isTrue();
        HttpResponse<String> enrolled = office.submit(mfa.body(), "/account/mfa",
                Map.of("code", totp.codeAt(secret.group(1), totp.currentStep())), null);
        assertThat(enrolled.statusCode()).isEqualTo(200);
        assertThat(enrolled.body()).contains("recovery-codes");

        // outside, with the code: signed in at LoA 3, and the same code cannot be used again
        Browser cafe = new Browser(issuer, OUTSIDE);
        String[] client = api.registerWebClient(REDIRECT);
        Pkce pkce = Pkce.generate();
        String signInPage = cafe.get("/oauth2/authorize?response_type=code&client_id=" + client[0] + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&code_challenge="
                + pkce.challenge() + "&code_challenge_method=S256").headers().firstValue("Location").orElseThrow();
        HttpResponse<String> password = cafe.submit(cafe.get(signInPage).body(), "/signin",
                Map.of("email", email, "password", PASSWORD), null);
        String otpPage = password.headers().firstValue("Location").orElseThrow();
        assertThat(otpPage).startsWith("/signin/otp");
        assertThat(cafe.get("/account").statusCode()).as("no session before the second factor").isEqualTo(303);
        String code = totp.codeAt(secret.group(1), totp.currentStep());
        HttpResponse<String> wrong = cafe.submit(cafe.get(otpPage).body(), "/signin/otp",
                Map.of("code", code.equals("000000") ? "111111" : "000000"), null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> otp = cafe.submit(cafe.get(otpPage).body(), "/signin/otp", Map.of("code", code), null);
        assertThat(otp.statusCode()).isEqualTo(303);
        HttpResponse<String> consent = cafe.get(otp.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> approved = cafe.submit(consent.body(), "/consent", Map.of(), "approve");
        Map<String, String> response = Browser.queryOf(approved.headers().firstValue("Location").orElseThrow());
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", response.get("code"), "redirect_uri", REDIRECT,
                "code_verifier", pkce.verifier()));
        var claims = SignedJWT.parse(tokens.json().get("id_token").asText()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("acr")).isEqualTo("urn:kizuna:loa:3");
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd", "otp");

        Browser replay = new Browser(issuer, OUTSIDE);
        HttpResponse<String> again = replay.submit(replay.get("/signin").body(), "/signin",
                Map.of("email", email, "password", PASSWORD), null);
        HttpResponse<String> replayed = replay.submit(replay.get("/signin/otp").body(), "/signin/otp",
                Map.of("code", code), null);
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(replayed.statusCode()).as("RFC 6238 §5.2: a code is accepted once").isEqualTo(401);

        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%LoginSucceeded' ORDER BY sequencenumber",
                String.class, memberId))
                .satisfies(events -> {
                    assertThat(events).hasSize(2);
                    assertThat(events.get(0)).contains("\"amr\":[\"pwd\"]").contains("urn:kizuna:loa:2");
                    assertThat(events.get(1)).contains("\"amr\":[\"pwd\",\"otp\"]").contains("urn:kizuna:loa:3");
                });
        String totpEvent = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%TotpEnrolled'", String.class, memberId);
        assertThat(totpEvent).doesNotContain(secret.group(1));
    }

    private HttpResponse<String> signIn(Browser browser, String email) throws Exception {
        return browser.submit(browser.get("/signin").body(), "/signin", Map.of("email", email, "password", PASSWORD),
                null);
    }

    private List<String> failureReasons(String memberId) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%LoginFailed' ORDER BY sequencenumber", String.class, memberId).stream()
                .map(p -> p.replaceAll(".*\"reason\":\"([^\"]+)\".*", "$1")).toList();
    }
}
