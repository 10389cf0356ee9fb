package io.kizuna.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.HeadlessChromium;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;

/**
 * The demo authentication device of OpenID Connect CIBA Core 1.0 ({@code /account/ciba}) in a real headless
 * Chromium: a request waits for the member, who signs in, compares the binding message and approves in
 * Japanese; a second request is denied in English; the client's polls see both decisions.
 */
@KizunaIntegrationTest
class BackchannelApprovalBrowserIT {
    static final String PASSWORD = "ciba browser password";
    static final String CIBA = "urn:openid:params:grant-type:ciba";

    @Value("${kizuna.issuer}")
    String issuer;

    ChromeDriver chrome;

    @AfterEach
    void quit() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    @DisplayName("CIBA §1, §7.1, §10.1: approve (ja) after comparing the binding message, deny (en); polls follow")
    void requestWhenMemberDecidesOnDemoDeviceThenClientSeesDecisions() throws Exception {
        Api api = new Api(issuer);
        String email = "ciba-browser-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Ciba Browser");
        Api.Response client = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "銀行窓口 " + UUID.randomUUID().toString().substring(0, 8), "grant_types", List.of(CIBA),
                "scope", "openid email"));
        assertThat(client.status()).as(client.raw().body()).isEqualTo(201);
        String clientId = client.json().get("client_id").asText();
        String secret = client.json().get("client_secret").asText();
        assertThat(api.putJson("/admin/api/clients/" + clientId + "/backchannel-settings", Api.ADMIN_TOKEN,
                Map.of("backchannel_token_delivery_mode", "poll")).status()).isEqualTo(200);
        String first = api.postForm("/oauth2/bc-authorize", clientId, secret, Map.of("scope", "openid email",
                "login_hint", email, "binding_message", "注文 4711")).json().get("auth_req_id").asText();

        chrome = HeadlessChromium.start("ja");
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
        chrome.get(issuer + "/account/ciba");
        HeadlessChromium.signIn(chrome, wait, email, PASSWORD);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                .isEqualTo("アプリからのログイン要求");
        WebElement request = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ciba-requests li.app")));
        assertThat(request.findElement(By.cssSelector(".binding-message")).getText()).isEqualTo("注文 4711");
        assertThat(request.findElements(By.cssSelector("ul.scopes li"))).hasSize(2);
        WebElement approve = request.findElement(By.cssSelector("button[value=approve]"));
        assertThat(approve.getText()).isEqualTo("許可する");
        assertThat(approve.getAttribute("aria-label")).contains("許可する");
        approve.click();
        wait.until(HeadlessChromium.replaced(approve));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ciba-result"))).getText())
                .contains("許可しました");
        assertThat(chrome.findElement(By.id("no-requests")).isDisplayed()).isTrue();
        Api.Response tokens = api.postForm("/oauth2/token", clientId, secret,
                Map.of("grant_type", CIBA, "auth_req_id", first));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);

        String second = api.postForm("/oauth2/bc-authorize", clientId, secret, Map.of("scope", "openid",
                "login_hint", email, "binding_message", "KZ-1234")).json().get("auth_req_id").asText();
        chrome.get(issuer + "/account/ciba?lang=en");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                .isEqualTo("Sign-in requests from apps");
        WebElement next = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ciba-requests li.app")));
        assertThat(next.findElement(By.cssSelector(".binding-message")).getText()).isEqualTo("KZ-1234");
        WebElement deny = next.findElement(By.cssSelector("button[value=deny]"));
        assertThat(deny.getText()).isEqualTo("Deny");
        deny.click();
        wait.until(HeadlessChromium.replaced(deny));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ciba-result"))).getText())
                .startsWith("Denied");
        Api.Response denied = api.postForm("/oauth2/token", clientId, secret,
                Map.of("grant_type", CIBA, "auth_req_id", second));
        assertThat(denied.status()).isEqualTo(400);
        assertThat(denied.json().get("error").asText()).isEqualTo("access_denied");
    }
}
