package io.kizuna.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.HeadlessChromium;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;

/**
 * OpenID Connect Front-Channel Logout 1.0 §4 in a real headless Chromium: a Relying Party served from this JVM
 * on 127.0.0.1 registers a {@code frontchannel_logout_uri}; when the member signs out at Kizuna the browser
 * itself requests that URI (counted here, with {@code iss} and {@code sid}), and RP-Initiated Logout's
 * {@code post_logout_redirect_uri} is still reached afterwards.
 */
@KizunaIntegrationTest
class FrontChannelLogoutBrowserIT {
    static final String PASSWORD = "a long enough password";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Value("${kizuna.issuer}")
    String issuer;

    HttpServer rp;
    String rpBase;
    final List<URI> frontChannelRequests = new CopyOnWriteArrayList<>();
    ChromeDriver chrome;

    @BeforeEach
    void startRelyingParty() throws Exception {
        rp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rp.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/fc")) {
                frontChannelRequests.add(exchange.getRequestURI());
            }
            byte[] body = ("<!DOCTYPE html><html lang=\"en\"><head><title>RP</title></head><body><h1 id=\"rp-page\">"
                    + path + "</h1></body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        rp.start();
        rpBase = "http://127.0.0.1:" + rp.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (chrome != null) {
            chrome.quit();
        }
        rp.stop(0);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The RP: a confidential client (admin API) whose URIs all point at the server above. */
    private String[] registerRp(Api api) throws Exception {
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Front-channel browser RP " + UUID.randomUUID(),
                "redirect_uris", List.of(rpBase + "/cb"),
                "grant_types", List.of("authorization_code"),
                "scope", "openid profile",
                "post_logout_redirect_uris", List.of(rpBase + "/bye"),
                "frontchannel_logout_uri", rpBase + "/fc?tenant=t1",
                "frontchannel_logout_session_required", true));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new String[] {r.json().get("client_id").asText(), r.json().get("client_secret").asText()};
    }

    private void signIn(WebDriverWait wait, Api api) throws Exception {
        String email = "fcl-browser-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Front Channel");
        chrome.get(issuer + "/signin");
        HeadlessChromium.signIn(chrome, wait, email, PASSWORD);
    }

    /** OIDC Core §3.1 in the browser, the code redeemed by the RP's back end: the ID token of this session. */
    private String idToken(WebDriverWait wait, Api api, String[] client) throws Exception {
        Pkce pkce = Pkce.generate();
        chrome.get(issuer + "/oauth2/authorize?response_type=code&client_id=" + client[0] + "&redirect_uri="
                + q(rpBase + "/cb") + "&scope=openid%20profile&state=s&nonce=n&code_challenge=" + pkce.challenge()
                + "&code_challenge_method=S256");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        wait.until(ExpectedConditions.urlContains(rpBase + "/cb?"));
        String code = Browser.queryOf(chrome.getCurrentUrl()).get("code");
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", rpBase + "/cb", "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        return tokens.json().get("id_token").asText();
    }

    private void assertFrontChannelRequested(String sid) {
        await().atMost(WAIT).until(() -> frontChannelRequests.size() >= 1);
        assertThat(frontChannelRequests).hasSize(1);
        Map<String, String> query = Browser.queryOf(frontChannelRequests.get(0).toString());
        assertThat(query).containsEntry("tenant", "t1").containsEntry("iss", issuer).containsEntry("sid", sid);
    }

    @Test
    @DisplayName("Front-Channel Logout §4 with RP-Initiated Logout §3: the browser requests the RP's "
            + "frontchannel_logout_uri with iss and sid, then reaches the post_logout_redirect_uri with state")
    void requestWhenRpInitiatedLogoutThenFrontChannelRequestedThenRedirected() throws Exception {
        chrome = HeadlessChromium.start("en");
        WebDriverWait wait = new WebDriverWait(chrome, WAIT);
        Api api = new Api(issuer);
        String[] client = registerRp(api);
        signIn(wait, api);
        String idToken = idToken(wait, api, client);
        String sid = SignedJWT.parse(idToken).getJWTClaimsSet().getStringClaim("sid");
        assertThat(frontChannelRequests).isEmpty();

        chrome.get(issuer + "/oauth2/logout?id_token_hint=" + q(idToken) + "&post_logout_redirect_uri="
                + q(rpBase + "/bye") + "&state=xyz");

        assertFrontChannelRequested(sid);
        wait.until(ExpectedConditions.urlToBe(rpBase + "/bye?state=xyz"));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rp-page"))).getText())
                .isEqualTo("/bye");
        chrome.get(issuer + "/account");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
        assertThat(chrome.getCurrentUrl()).as("signed out of Kizuna").contains("/signin");
    }

    @Test
    @DisplayName("Front-Channel Logout §4: 'sign out everywhere' in the account console (Japanese) shows the "
            + "signed-out page and the browser requests the RP's frontchannel_logout_uri with iss and sid")
    void requestWhenSignedOutFromAccountConsoleThenFrontChannelRequested() throws Exception {
        chrome = HeadlessChromium.start("ja");
        WebDriverWait wait = new WebDriverWait(chrome, WAIT);
        Api api = new Api(issuer);
        String[] client = registerRp(api);
        signIn(wait, api);
        String sid = SignedJWT.parse(idToken(wait, api, client)).getJWTClaimsSet().getStringClaim("sid");

        chrome.get(issuer + "/account");
        WebElement everywhere = wait.until(ExpectedConditions.elementToBeClickable(By.id("end-all-sessions")));
        everywhere.click();
        wait.until(HeadlessChromium.replaced(everywhere));

        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logout-done"))).getText())
                .isEqualTo("ログアウトしました");
        assertThat(chrome.findElement(By.id("logout-frontchannel")).getText()).contains("ログアウトしたこと");
        WebElement frame = chrome.findElement(By.cssSelector("iframe.frontchannel-logout"));
        assertThat(frame.getAttribute("title")).contains("ログアウト通知");
        assertThat(frame.isDisplayed()).as("the frame is not shown").isFalse();
        assertFrontChannelRequested(sid);
        assertThat(chrome.getCurrentUrl()).as("no redirect without a post_logout_redirect_uri")
                .startsWith(issuer + "/account/sessions/end-all");
    }

    @Test
    @DisplayName("Front-Channel Logout §4 without JavaScript: the frames still load, and the visible 'continue' link "
            + "leads to the post_logout_redirect_uri with state")
    void requestWhenScriptsDisabledThenFramesLoadAndContinueLinkWorks() throws Exception {
        chrome = HeadlessChromium.start("en");
        WebDriverWait wait = new WebDriverWait(chrome, WAIT);
        Api api = new Api(issuer);
        String[] client = registerRp(api);
        signIn(wait, api);
        String idToken = idToken(wait, api, client);
        String sid = SignedJWT.parse(idToken).getJWTClaimsSet().getStringClaim("sid");

        chrome.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        chrome.get(issuer + "/oauth2/logout?id_token_hint=" + q(idToken) + "&post_logout_redirect_uri="
                + q(rpBase + "/bye") + "&state=xyz");

        assertFrontChannelRequested(sid);
        WebElement next = wait.until(ExpectedConditions.elementToBeClickable(By.id("logout-continue")));
        assertThat(chrome.getCurrentUrl()).as("no script: the page stays").startsWith(issuer + "/logout");
        assertThat(next.getText()).isEqualTo("Continue to the site");
        next.click();
        wait.until(ExpectedConditions.urlToBe(rpBase + "/bye?state=xyz"));
    }
}
