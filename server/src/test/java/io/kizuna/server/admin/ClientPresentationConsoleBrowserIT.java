package io.kizuna.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.client.ClientPresentation;
import io.kizuna.client.ClientRegistry;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The client page's "shown to members" section in a real headless Chromium, in Japanese (OIDC DCR §2
 * {@code logo_uri}, {@code policy_uri}, {@code tos_uri}): fields found by their visible labels, saved with
 * the keyboard, a refused URL shown next to the form and not recorded.
 */
@KizunaIntegrationTest
class ClientPresentationConsoleBrowserIT {
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
    @DisplayName("ja: OIDC DCR §2 from the console — logo, policy and terms URLs saved as a ledger change; plain http is refused with the reason")
    void requestWhenAdministratorSetsLogoAndLinksThenRecordedOrRefused() throws Exception {
        Api api = new Api(issuer);
        Api.Response registered = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Console logo " + UUID.randomUUID(), "redirect_uris", List.of("https://logo-console.example.jp/cb"),
                "scope", "openid"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String clientId = registered.json().get("client_id").asText();

        chrome = HeadlessChromium.start("ja");
        wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
        HeadlessChromium.signInToConsole(chrome, wait, issuer);

        chrome.get(issuer + "/admin/clients/" + clientId);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("presentation-heading"))).getText())
                .isEqualTo("会員に表示する情報");
        field("ロゴの URL(logo_uri)").sendKeys("https://cdn.logo-console.example.jp/logo.png");
        field("プライバシーポリシーの URL(policy_uri)").sendKeys("https://logo-console.example.jp/privacy");
        field("利用規約の URL(tos_uri)").sendKeys("https://logo-console.example.jp/terms");
        WebElement save = chrome.findElement(By.id("presentation-submit"));
        save.sendKeys(Keys.ENTER);
        wait.until(HeadlessChromium.replaced(save));
        assertThat(field("ロゴの URL(logo_uri)").getAttribute("value"))
                .isEqualTo("https://cdn.logo-console.example.jp/logo.png");
        assertThat(registry.find(clientId).orElseThrow().presentation()).isEqualTo(new ClientPresentation(
                "https://cdn.logo-console.example.jp/logo.png", "https://logo-console.example.jp/privacy",
                "https://logo-console.example.jp/terms"));

        WebElement logo = field("ロゴの URL(logo_uri)");
        logo.clear();
        logo.sendKeys("http://cdn.logo-console.example.jp/logo.png");
        save = chrome.findElement(By.id("presentation-submit"));
        save.sendKeys(Keys.ENTER);
        wait.until(HeadlessChromium.replaced(save));
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("presentation-error")));
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(error.getText()).contains("logo_uri");
        assertThat(field("ロゴの URL(logo_uri)").getAttribute("aria-describedby")).isEqualTo("presentation-error");
        assertThat(registry.find(clientId).orElseThrow().presentation().logoUri())
                .as("the refused value was not recorded").isEqualTo("https://cdn.logo-console.example.jp/logo.png");
    }

    /** The form field a visible label names: fails when a field has no label. */
    private WebElement field(String label) {
        return HeadlessChromium.labelled(chrome, wait, label);
    }
}
