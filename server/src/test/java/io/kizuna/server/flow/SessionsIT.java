package io.kizuna.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    @Test
    @DisplayName("OIDC Core §11: signing out ends the session's grants without offline_access; offline ones live on")
    void requestWhenSigningOutThenOnlineGrantsOfTheSessionEnd() throws Exception {
        Api api = new Api(issuer);
        String email = "sessions-grants-" + UUID.randomUUID() + "@example.jp";
        String memberId = api.registerMember(email, "a long enough password", "Session Grants");
        String redirect = "https://sessions.example.jp/cb";
        String[] online = api.registerWebClient(redirect);
        String[] offline = api.registerWebClient(redirect);
        Browser browser = signedIn(email);
        Browser other = signedIn(email);
        JsonNode onlineTokens = tokens(api, browser, online, redirect, "openid profile");
        JsonNode offlineTokens = tokens(api, browser, offline, redirect, "openid offline_access");
        JsonNode otherSession = tokens(api, other, online, redirect, "openid");

        HttpResponse<String> signedOut = browser.submit(browser.get("/account").body(), "/signout", Map.of(), null);
        assertThat(signedOut.statusCode()).isIn(302, 303);

        assertThat(active(api, online, onlineTokens)).as("online grant of the ended session").isFalse();
        assertThat(api.postForm("/oauth2/token", online[0], online[1], Map.of("grant_type", "refresh_token",
                "refresh_token", onlineTokens.get("refresh_token").asText())).json().get("error").asText())
                .isEqualTo("invalid_grant");
        assertThat(active(api, offline, offlineTokens)).as("offline_access outlives the session").isTrue();
        assertThat(active(api, online, otherSession)).as("another browser's session is untouched").isTrue();
        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE payloadtype LIKE '%GrantRevoked' AND convert_from(payload, 'UTF8') LIKE ?", String.class,
                "%" + memberId + "%")).singleElement().asString().contains("session_ended");
    }

    private static boolean active(Api api, String[] client, JsonNode tokens) throws Exception {
        return api.postForm("/oauth2/introspect", client[0], client[1],
                Map.of("token", tokens.get("access_token").asText())).json().get("active").asBoolean();
    }

    /** RFC 6749 §4.1 in a browser that is already signed in: consent, code, tokens. */
    private static JsonNode tokens(Api api, Browser browser, String[] client, String redirect, String scope)
            throws Exception {
        Pkce pkce = Pkce.generate();
        HttpResponse<String> authorize = browser.get("/oauth2/authorize?response_type=code&client_id=" + client[0]
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8) + "&state=s&code_challenge=" + pkce.challenge()
                + "&code_challenge_method=S256");
        String location = authorize.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> consent = browser.get(location);
        // a remembered consent answers at once; otherwise the member approves
        HttpResponse<String> answer = consent.statusCode() == 200
                ? browser.submit(consent.body(), "/consent", Map.of(), "approve") : consent;
        location = answer.headers().firstValue("Location").orElseThrow();
        String code = Browser.queryOf(location).get("code");
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", redirect, "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        return tokens.json();
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
