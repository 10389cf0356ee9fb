package io.kizuna.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.client.ClientRegistry;
import io.kizuna.client.RequestObjectSettings;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The client page's request-object section in a real headless Chromium (OIDC DCR §2 {@code request_uris},
 * {@code request_object_encryption_alg}/{@code _enc}): fields found by their visible labels, saved with the
 * keyboard, refusals shown next to the form.
 */
@KizunaIntegrationTest
class RequestObjectSettingsBrowserIT {
    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    ClientRegistry registry;

    ChromeDriver chrome;
    WebDriverWait wait;

    @AfterEach
    void quit() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    @DisplayName("en: OIDC Core §6.1–§6.2 from the console — request_uris and ECDH-ES/A256GCM saved as a ledger change; a non-https URL is refused with the reason")
    void requestWhenAdministratorSetsRequestObjectSettingsThenRecordedOrRefused() throws Exception {
        Api api = new Api(issuer);
        Api.Response registered = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Console JAR " + UUID.randomUUID(), "redirect_uris", List.of("https://jar-console.example.jp/cb"),
                "scope", "openid"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String clientId = registered.json().get("client_id").asText();

        chrome = HeadlessChromium.start("en");
        wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
        HeadlessChromium.signInToConsole(chrome, wait, issuer);

        chrome.get(issuer + "/admin/clients/" + clientId);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("request-objects-heading"))).getText())
                .isEqualTo("Request objects");
        field("Request object URLs (request_uris, one per line, https)")
                .sendKeys("https://jar-console.example.jp/ro/1", Keys.ENTER, "https://jar-console.example.jp/ro/2#hash");
        new Select(field("Request object encryption (request_object_encryption_alg)")).selectByVisibleText("ECDH-ES");
        new Select(field("Request object content encryption (request_object_encryption_enc)")).selectByVisibleText("A256GCM");
        WebElement save = chrome.findElement(By.id("request-objects-submit"));
        save.sendKeys(Keys.ENTER);
        wait.until(HeadlessChromium.replaced(save));
        assertThat(new Select(field("Request object encryption (request_object_encryption_alg)")).getFirstSelectedOption()
                .getText()).isEqualTo("ECDH-ES");
        assertThat(registry.find(clientId).orElseThrow().requestObjectSettings()).isEqualTo(new RequestObjectSettings(
                List.of("https://jar-console.example.jp/ro/1", "https://jar-console.example.jp/ro/2#hash"), "ECDH-ES", "A256GCM"));

        WebElement uris = field("Request object URLs (request_uris, one per line, https)");
        uris.clear();
        uris.sendKeys("ftp://jar-console.example.jp/ro");
        save = chrome.findElement(By.id("request-objects-submit"));
        save.sendKeys(Keys.ENTER);
        wait.until(HeadlessChromium.replaced(save));
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("request-objects-error")));
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(error.getText()).contains("request_uris");
        assertThat(registry.find(clientId).orElseThrow().requestObjectSettings().requestUris())
                .as("the refused value was not recorded").hasSize(2);
    }

    /** The form field a visible label names: fails when a field has no label. */
    private WebElement field(String label) {
        return HeadlessChromium.labelled(chrome, wait, label);
    }
}
