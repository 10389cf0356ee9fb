package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.FrontChannel.enc;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.HeadlessChromium;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;

/**
 * OAuth 2.0 Form Post Response Mode §2 in a real browser: after consent, Chromium runs the page's one
 * script under its hash-only Content-Security-Policy and posts the response to the redirect URI by itself.
 */
@KizunaIntegrationTest
class FormPostBrowserIT {
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    @Test
    @DisplayName("Form Post Response Mode §2: Chromium submits the form_post page to the redirect URI by itself (script allowed by the CSP hash)")
    void requestWhenFormPostInChromiumThenPostedToRedirectUri() throws Exception {
        Api api = new Api(issuer);
        // a landing path on this server: whatever it answers to the POST, the browser's URL proves the submit
        String landing = issuer + "/form-post-landing-" + UUID.randomUUID();
        Api.Response client = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Form post RP " + UUID.randomUUID(), "redirect_uris", List.of(landing),
                "grant_types", List.of("authorization_code"), "scope", "openid"));
        assertThat(client.status()).as(client.raw().body()).isEqualTo(201);
        String email = "formpost-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Form Post Tester");

        ChromeDriver chrome = HeadlessChromium.start("en");
        try {
            WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
            chrome.get(issuer + "/oauth2/authorize?response_type=code&response_mode=form_post&client_id="
                    + client.json().get("client_id").asText() + "&redirect_uri=" + enc(landing)
                    + "&scope=openid&state=fp1&nonce=n1&code_challenge=" + Pkce.generate().challenge()
                    + "&code_challenge_method=S256");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(email);
            chrome.findElement(By.id("password")).sendKeys(PASSWORD);
            chrome.findElement(By.id("signin-submit")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
            wait.until(ExpectedConditions.urlToBe(landing));
            assertThat(chrome.getCurrentUrl()).as("posted, so nothing in the URL").isEqualTo(landing);
        } finally {
            chrome.quit();
        }
    }
}
