package io.kizuna.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.HeadlessChromium;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;

/**
 * The account console's history of a consent (issue 5 "connected apps"): granted, extended, used, access
 * ended and withdrawn, from the ledger's events through the real projection, in English and Japanese.
 */
@KizunaIntegrationTest
class ConsentHistoryIT {
    static final String PASSWORD = "consent history password";
    static final String REDIRECT = "https://history.example.jp/cb";

    @Value("${kizuna.issuer}")
    String issuer;

    @Test
    @DisplayName("granted, extended (new scope asked again), used per day, ended by sign-out, withdrawn — in order")
    void requestWhenConsentLivesThenEveryStepIsInItsHistory() throws Exception {
        Api api = new Api(issuer);
        String email = "history-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "History Tester");
        String[] client = api.registerWebClient(REDIRECT);
        Browser browser = signedIn(email);

        JsonNode first = tokens(api, browser, client, "openid");
        tokens(api, browser, client, "openid email");
        Api.Response refreshed = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "refresh_token", "refresh_token", first.get("refresh_token").asText()));
        assertThat(refreshed.status()).isEqualTo(200);
        browser.submit(browser.get("/account").body(), "/signout", Map.of(), null);

        Browser again = signedIn(email);
        HttpResponse<String> withdrawn = again.submit(again.get("/account").body(),
                "/account/apps/" + client[0] + "/revoke", Map.of(), null);
        assertThat(withdrawn.statusCode()).isEqualTo(303);

        HttpResponse<String> history = again.get("/account/apps/" + client[0] + "/history?lang=en");
        assertThat(history.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(history.body());
        assertThat(page.select("tr.entry").eachAttr("data-kind"))
                .containsExactly("revoked", "access_ended", "access_ended", "extended", "granted", "used");
        assertThat(page.select("tr[data-kind=used]").attr("data-count")).as("two codes and one refresh").isEqualTo("3");
        assertThat(page.select("tr[data-kind=access_ended] td:nth-child(2)").eachText())
                .containsOnly("Access ended (you signed out)");
        assertThat(page.select("tr[data-kind=extended] li[data-scope]").eachAttr("data-scope")).containsExactly("email");
        assertThat(page.select("tr[data-kind=revoked] li[data-scope]").eachAttr("data-scope"))
                .containsExactlyInAnyOrder("openid", "email");

        assertThat(signedIn("other-" + email, true).get("/account/apps/" + client[0] + "/history").statusCode())
                .as("another member sees nothing of it").isEqualTo(404);

        ChromeDriver chrome = HeadlessChromium.start("ja");
        try {
            WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
            chrome.get(issuer + "/signin");
            chrome.findElement(By.id("email")).sendKeys(email);
            chrome.findElement(By.id("password")).sendKeys(PASSWORD);
            chrome.findElement(By.id("signin-submit")).click();
            wait.until(ExpectedConditions.urlContains("/signin/done"));
            chrome.get(issuer + "/account/apps/" + client[0] + "/history?lang=ja");
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                    .startsWith("履歴: ");
            assertThat(chrome.findElements(By.cssSelector("tr.entry"))).hasSize(6);
            assertThat(chrome.findElement(By.cssSelector("tr[data-kind=revoked] td:nth-child(2)")).getText())
                    .isEqualTo("連携を解除しました");
        } finally {
            chrome.quit();
        }
    }

    private Browser signedIn(String email) throws Exception {
        return signedIn(email, false);
    }

    private Browser signedIn(String email, boolean register) throws Exception {
        if (register) {
            new Api(issuer).registerMember(email, PASSWORD, "Other Member");
        }
        Browser browser = new Browser(issuer);
        HttpResponse<String> signedIn = browser.submit(browser.get("/signin").body(), "/signin",
                Map.of("email", email, "password", PASSWORD), null);
        assertThat(signedIn.statusCode()).isEqualTo(303);
        return browser;
    }

    /** RFC 6749 §4.1 in a signed-in browser: consent (unless remembered), code, tokens. */
    private static JsonNode tokens(Api api, Browser browser, String[] client, String scope) throws Exception {
        Pkce pkce = Pkce.generate();
        HttpResponse<String> authorize = browser.get("/oauth2/authorize?response_type=code&client_id=" + client[0]
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8) + "&state=s&code_challenge=" + pkce.challenge()
                + "&code_challenge_method=S256");
        HttpResponse<String> consent = browser.get(authorize.headers().firstValue("Location").orElseThrow());
        assertThat(consent.statusCode()).as("a new scope is always asked").isEqualTo(200);
        HttpResponse<String> approved = browser.submit(consent.body(), "/consent", Map.of(), "approve");
        String code = Browser.queryOf(approved.headers().firstValue("Location").orElseThrow()).get("code");
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        return tokens.json();
    }
}
