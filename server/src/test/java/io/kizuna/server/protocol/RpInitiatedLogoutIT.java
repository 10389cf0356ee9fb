package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.LogoutSupport.claims;
import static io.kizuna.server.protocol.LogoutSupport.idToken;
import static io.kizuna.server.protocol.LogoutSupport.newMember;
import static io.kizuna.server.protocol.LogoutSupport.registerClient;
import static io.kizuna.server.protocol.LogoutSupport.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.signingkey.SigningKeys;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** OpenID Connect RP-Initiated Logout 1.0, section by section. */
@KizunaIntegrationTest
class RpInitiatedLogoutIT {
    static final String BYE = "https://rp.example.jp/bye";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SigningKeys keys;

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse(null);
    }

    private List<String> endReasons(String sid) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype LIKE '%SessionEnded'", String.class, sid);
    }

    @Nested
    @DisplayName("§2 the end-session request")
    class Section2 {
        @Test
        @DisplayName("GET with an id_token_hint of this very session signs out at once, ledger-recorded, and redirects with state")
        void requestWhenHintMatchesSessionThenSignedOutWithoutConfirmation() throws Exception {
            Api api = new Api(issuer);
            String[] rp = registerClient(api, List.of(BYE), null, null);
            Browser browser = signedIn(issuer, newMember(api, "rpl-hint"));
            String idToken = idToken(api, browser, rp);
            String sid = claims(idToken).getStringClaim("sid");

            HttpResponse<String> end = browser.get("/oauth2/logout?id_token_hint=" + q(idToken)
                    + "&post_logout_redirect_uri=" + q(BYE) + "&state=st%20ate&logout_hint=whoever");
            assertThat(end.statusCode()).isEqualTo(303);
            assertThat(location(end)).startsWith("/logout?request=");
            HttpResponse<String> page = browser.get(location(end));
            assertThat(page.statusCode()).isEqualTo(303);
            assertThat(location(page)).isEqualTo(BYE + "?state=st+ate");
            assertThat(browser.get("/account").statusCode()).as("signed out").isEqualTo(303);
            assertThat(endReasons(sid)).singleElement().asString().contains("rp_initiated_logout");
        }

        @Test
        @DisplayName("POST with client_id and no hint asks the member, then signs out on confirmation")
        void requestWhenPostWithClientIdThenConfirmationThenSignedOut() throws Exception {
            Api api = new Api(issuer);
            String[] rp = registerClient(api, List.of(BYE), null, null);
            Browser browser = signedIn(issuer, newMember(api, "rpl-post"));
            String sid = claims(idToken(api, browser, rp)).getStringClaim("sid");

            HttpResponse<String> end = browser.postForm("/oauth2/logout", Map.of("client_id", rp[0],
                    "post_logout_redirect_uri", BYE, "state", "abc"));
            assertThat(end.statusCode()).isEqualTo(303);
            HttpResponse<String> confirm = browser.get(location(end));
            assertThat(confirm.statusCode()).isEqualTo(200);
            assertThat(confirm.body()).contains("Sign out of Kizuna?").contains("name=\"_csrf\"");
            assertThat(endReasons(sid)).as("nothing ends before the member confirms").isEmpty();
            assertThat(browser.get("/account").statusCode()).isEqualTo(200);

            HttpResponse<String> done = browser.submit(confirm.body(), "/logout", Map.of(), "logout-confirm");
            assertThat(done.statusCode()).isEqualTo(303);
            assertThat(location(done)).isEqualTo(BYE + "?state=abc");
            assertThat(browser.get("/account").statusCode()).isEqualTo(303);
            assertThat(endReasons(sid)).singleElement().asString().contains("rp_initiated_logout");
            assertThat(browser.submit(confirm.body(), "/logout", Map.of(), "logout-confirm").statusCode())
                    .as("a request completes once").isEqualTo(400);
        }

        @Test
        @DisplayName("the hint of another session of the same member does not skip the confirmation")
        void requestWhenHintOfAnotherSessionThenConfirmation() throws Exception {
            Api api = new Api(issuer);
            String email = newMember(api, "rpl-other");
            String[] rp = registerClient(api, List.of(BYE), null, null);
            Browser laptop = signedIn(issuer, email);
            Browser phone = signedIn(issuer, email);
            String phoneIdToken = idToken(api, phone, rp);
            HttpResponse<String> end = laptop.get("/oauth2/logout?id_token_hint=" + q(phoneIdToken));
            HttpResponse<String> page = laptop.get(location(end));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("logout-confirm");
            assertThat(laptop.get("/account").statusCode()).isEqualTo(200);
        }

        @Test
        @DisplayName("an expired id_token_hint issued by us is accepted")
        void requestWhenHintExpiredThenAccepted() throws Exception {
            Api api = new Api(issuer);
            String[] rp = registerClient(api, List.of(BYE), null, null);
            Browser browser = signedIn(issuer, newMember(api, "rpl-expired"));
            JWTClaimsSet fresh = claims(idToken(api, browser, rp));
            SigningKeys.ActiveKey key = keys.active("ES256");
            SignedJWT expired = new SignedJWT(new JWSHeader.Builder(key.algorithm()).keyID(key.kid())
                    .type(JOSEObjectType.JWT).build(), new JWTClaimsSet.Builder(fresh)
                    .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                    .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))).build());
            expired.sign(key.signer());

            HttpResponse<String> end = browser.get("/oauth2/logout?id_token_hint=" + q(expired.serialize())
                    + "&post_logout_redirect_uri=" + q(BYE));
            assertThat(end.statusCode()).isEqualTo(303);
            HttpResponse<String> page = browser.get(location(end));
            assertThat(location(page)).isEqualTo(BYE);
            assertThat(browser.get("/account").statusCode()).isEqualTo(303);
        }

        @Test
        @DisplayName("an id_token_hint signed by another key is an error page, never a redirect, and ends nothing")
        void requestWhenHintForgedThenErrorPage() throws Exception {
            Api api = new Api(issuer);
            String[] rp = registerClient(api, List.of(BYE), null, null);
            Browser browser = signedIn(issuer, newMember(api, "rpl-forged"));
            JWTClaimsSet real = claims(idToken(api, browser, rp));
            ECKey foreign = new ECKeyGenerator(Curve.P_256).keyID(keys.active("ES256").kid()).generate();
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(foreign.getKeyID())
                    .build(), real);
            forged.sign(new ECDSASigner(foreign));

            HttpResponse<String> end = browser.get("/oauth2/logout?id_token_hint=" + q(forged.serialize())
                    + "&post_logout_redirect_uri=" + q(BYE));
            assertThat(end.statusCode()).isEqualTo(400);
            assertThat(location(end)).isNull();
            assertThat(end.body()).contains("invalid_request").contains("not signed by this OpenID Provider");
            assertThat(browser.get("/account").statusCode()).isEqualTo(200);
        }

        @Test
        @DisplayName("a client_id that is not the hint's audience is an error page")
        void requestWhenAudienceMismatchThenErrorPage() throws Exception {
            Api api = new Api(issuer);
            String[] rp = registerClient(api, List.of(BYE), null, null);
            String[] other = registerClient(api, List.of(BYE), null, null);
            Browser browser = signedIn(issuer, newMember(api, "rpl-aud"));
            HttpResponse<String> end = browser.get("/oauth2/logout?id_token_hint=" + q(idToken(api, browser, rp))
                    + "&client_id=" + other[0] + "&post_logout_redirect_uri=" + q(BYE));
            assertThat(end.statusCode()).isEqualTo(400);
            assertThat(end.body()).contains("audience");
        }

        @Test
        @DisplayName("§2, §6: an unregistered post_logout_redirect_uri is an error page — no open redirector")
        void requestWhenRedirectNotRegisteredThenErrorPage() throws Exception {
            Api api = new Api(issuer);
            String[] rp = registerClient(api, List.of(BYE), null, null);
            Browser browser = signedIn(issuer, newMember(api, "rpl-open"));
            for (String target : List.of("https://evil.example/", BYE + "/", BYE + "?x=1", "HTTPS://rp.example.jp/bye")) {
                HttpResponse<String> end = browser.get("/oauth2/logout?client_id=" + rp[0]
                        + "&post_logout_redirect_uri=" + q(target));
                assertThat(end.statusCode()).as(target).isEqualTo(400);
                assertThat(location(end)).isNull();
            }
            HttpResponse<String> anonymous = browser.get("/oauth2/logout?post_logout_redirect_uri=" + q(BYE));
            assertThat(anonymous.statusCode()).as("no client to check the URI against").isEqualTo(400);
            assertThat(browser.get("/oauth2/logout?client_id=nobody-" + rp[0]).statusCode()).isEqualTo(400);
            assertThat(browser.get("/account").statusCode()).isEqualTo(200);
        }

        @Test
        @DisplayName("ui_locales picks the page's language (ja), the first supported one listed")
        void requestWhenUiLocalesJaThenJapanesePage() throws Exception {
            Api api = new Api(issuer);
            String[] rp = registerClient(api, List.of(BYE), null, null);
            Browser browser = signedIn(issuer, newMember(api, "rpl-ja"));
            HttpResponse<String> end = browser.get("/oauth2/logout?client_id=" + rp[0] + "&ui_locales=" + q("fr ja en"));
            assertThat(location(end)).endsWith("&lang=ja");
            HttpResponse<String> page = browser.get(location(end));
            assertThat(page.body()).contains("lang=\"ja\"").contains("ログアウトしますか");
        }
    }

    @Nested
    @DisplayName("§3 redirection after logout")
    class Section3 {
        @Test
        @DisplayName("without post_logout_redirect_uri the member sees Kizuna's signed-out page")
        void requestWhenNoRedirectThenSignedOutPage() throws Exception {
            Api api = new Api(issuer);
            Browser browser = signedIn(issuer, newMember(api, "rpl-page"));
            HttpResponse<String> end = browser.get("/oauth2/logout");
            HttpResponse<String> confirm = browser.get(location(end));
            HttpResponse<String> done = browser.submit(confirm.body(), "/logout", Map.of(), "logout-confirm");
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.body()).contains("You are signed out");
            assertThat(browser.get("/account").statusCode()).isEqualTo(303);
        }

        @Test
        @DisplayName("a browser without a session is sent straight on: there is nothing to end")
        void requestWhenNoSessionThenRedirectAtOnce() throws Exception {
            Api api = new Api(issuer);
            String[] rp = registerClient(api, List.of(BYE + "?from=kizuna"), null, null);
            Browser browser = new Browser(issuer);
            HttpResponse<String> end = browser.get("/oauth2/logout?client_id=" + rp[0]
                    + "&post_logout_redirect_uri=" + q(BYE + "?from=kizuna") + "&state=x");
            HttpResponse<String> page = browser.get(location(end));
            assertThat(page.statusCode()).isEqualTo(303);
            assertThat(location(page)).isEqualTo(BYE + "?from=kizuna&state=x");
        }

        @Test
        @DisplayName("RP-initiated logout at one RP tells the session's other RPs by back-channel")
        void requestWhenRpInitiatedThenOtherRpsToldByBackChannel() throws Exception {
            Api api = new Api(issuer);
            try (LogoutReceiver shop = new LogoutReceiver()) {
                String[] www = registerClient(api, List.of(BYE), null, null);
                String[] other = registerClient(api, null, shop.uri(), null);
                Browser browser = signedIn(issuer, newMember(api, "rpl-bcl"));
                String idToken = idToken(api, browser, www);
                String sid = claims(idToken(api, browser, other)).getStringClaim("sid");
                browser.get(location(browser.get("/oauth2/logout?id_token_hint=" + q(idToken)
                        + "&post_logout_redirect_uri=" + q(BYE))));
                await().atMost(Duration.ofSeconds(30)).until(() -> shop.received.size() == 1);
                assertThat(claims(shop.tokens().get(0)).getStringClaim("sid")).isEqualTo(sid);
                assertThat(claims(shop.tokens().get(0)).getAudience()).containsExactly(other[0]);
            }
        }
    }
}
