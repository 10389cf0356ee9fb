package io.kizuna.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.demo.DemoData;
import io.kizuna.server.support.HeadlessChromium;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
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
import org.springframework.beans.factory.annotation.Value;

/**
 * The admin console in a real headless Chromium: the demo administrator signs in through the normal
 * sign-in page and lands back on the console, then works every main page with the keyboard, fields found
 * by their visible labels. English for clients, history and ledger; Japanese for members and policy.
 * With -Dkizuna.screenshots=DIR the main pages are saved as PNG (docs/screenshots/README.md).
 */
@KizunaIntegrationTest
class AdminConsoleBrowserIT {
    @Value("${kizuna.issuer}")
    String issuer;

    ChromeDriver chrome;
    WebDriverWait wait;

    @AfterEach
    void quit() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    @DisplayName("en: sign in → console → register a client (secret shown once) → edit → history → verify the ledger")
    void requestWhenAdministratorManagesClientsThenEveryPageWorksInTheBrowser() {
        start("en");
        signInThroughConsole();
        assertThat(heading()).isEqualTo("Administration");
        screenshot("admin-home");

        chrome.findElement(By.id("nav-clients")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("clients")));
        assertThat(chrome.findElement(By.cssSelector("tr[data-client-id='www-demo']")).getText()).contains("client_secret_basic");
        screenshot("admin-clients");

        chrome.findElement(By.id("new-client")).click();
        field("Name").sendKeys("Chromium console client");
        field("Redirect URIs").sendKeys("https://chromium.example.jp/cb");
        WebElement scopes = field("Scopes");
        scopes.clear();
        scopes.sendKeys("openid profile");
        // keyboard only: focus the submit button with Tab from the last field and press Enter
        WebElement format = field("Access token format");
        format.sendKeys(Keys.TAB);
        WebElement focused = chrome.switchTo().activeElement();
        assertThat(focused.getAttribute("id")).isEqualTo("client-submit");
        focused.sendKeys(Keys.ENTER);
        String clientId = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-client-id"))).getText();
        assertThat(chrome.findElement(By.id("new-client-secret")).getText()).hasSizeGreaterThan(30);
        assertThat(heading()).isEqualTo("Client registered");

        chrome.findElement(By.id("client-link")).click();
        WebElement name = field("Name");
        name.clear();
        name.sendKeys("Chromium console client (renamed)", Keys.ENTER);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("saved-notice"))).getText())
                .isEqualTo("The changes are saved.");
        assertThat(field("Name").getAttribute("value")).isEqualTo("Chromium console client (renamed)");
        screenshot("admin-client");

        // the client's token profile: PS256 access tokens living 120 s
        new Select(field("Access token signature (RFC 9068)")).selectByVisibleText("PS256");
        field("Access token lifetime (seconds, 60 – 86400)").sendKeys("120");
        WebElement saveTokens = chrome.findElement(By.id("tokens-submit"));
        saveTokens.click();
        wait.until(HeadlessChromium.replaced(saveTokens));
        assertThat(new Select(field("Access token signature (RFC 9068)")).getFirstSelectedOption().getText())
                .isEqualTo("PS256");
        assertThat(field("Access token lifetime (seconds, 60 – 86400)").getAttribute("value")).isEqualTo("120");

        // a FAPI profile is refused for a secret-based client, with the reason next to the field
        new Select(field("Profile")).selectByVisibleText("FAPI 2.0 Security Profile");
        WebElement saveProfile = chrome.findElement(By.id("profile-submit"));
        saveProfile.click();
        wait.until(HeadlessChromium.replaced(saveProfile));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("profile-error"))).getText())
                .contains("private_key_jwt");
        assertThat(field("Profile").getAttribute("aria-describedby")).isEqualTo("profile-error");
        screenshot("admin-client-profile");

        chrome.findElement(By.id("client-history")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("events")));
        assertThat(chrome.findElements(By.cssSelector("tr.event")).stream().map(r -> r.getAttribute("data-type")))
                .contains("client.registered", "client.updated");
        assertThat(field("Client id").getAttribute("value")).isEqualTo(clientId);
        screenshot("admin-audit");

        chrome.findElement(By.id("nav-ledger")).click();
        WebElement verify = wait.until(ExpectedConditions.elementToBeClickable(By.id("verify")));
        verify.sendKeys(Keys.ENTER);
        wait.until(HeadlessChromium.replaced(verify));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-heading"))).getText())
                .isEqualTo("The ledger is intact");
        screenshot("admin-ledger");
    }

    @Test
    @DisplayName("ja: 会員をメールアドレスで検索 → 会員の詳細 → 認証ポリシー")
    void requestWhenAdministratorFindsMemberInJapaneseThenPagesAreJapanese() {
        start("ja");
        signInThroughConsole();
        assertThat(heading()).isEqualTo("管理コンソール");
        assertThat(chrome.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");

        chrome.findElement(By.id("nav-members")).click();
        field("メールアドレスまたは会員 ID").sendKeys(DemoData.DEMO_EMAIL, Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("member-facts")));
        assertThat(heading()).isEqualTo(DemoData.DEMO_EMAIL);
        assertThat(chrome.findElement(By.id("member-name")).getText()).isEqualTo("Demo Member / デモ会員");
        assertThat(chrome.findElement(By.id("member-status")).getText()).isEqualTo("可能");
        assertThat(chrome.findElement(By.id("forget")).getText()).isEqualTo("会員を忘却する");
        screenshot("admin-member-ja");

        chrome.findElement(By.id("nav-policy")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("policy-readonly"))).getText())
                .contains("参照のみ");
        assertThat(chrome.findElement(By.id("policy-rules")).getText()).contains("127.0.0.0/8")
                .contains("パスワードと認証アプリのコード（LoA 3）");
        assertThat(chrome.findElement(By.id("policy-here")).getText()).contains("パスワードだけでログインできます");
        screenshot("admin-policy-ja");

        chrome.findElement(By.id("nav-keys")).click();
        assertThat(heading()).isEqualTo("署名鍵");
        assertThat(chrome.findElements(By.cssSelector("tr.key[data-status='active']")).stream()
                .map(r -> r.getAttribute("data-alg"))).contains("ES256", "PS256", "RS256", "EdDSA");
        assertThat(chrome.findElement(By.cssSelector("tr.key[data-alg='ES256'][data-status='active'] td:nth-child(3)"))
                .getText()).isEqualTo("有効(署名に使用)");
        screenshot("admin-keys-ja");
    }

    private void start(String language) {
        chrome = HeadlessChromium.start(language);
        wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
    }

    /** Opens /admin without a session: the sign-in page, then back to the console. */
    private void signInThroughConsole() {
        chrome.get(issuer + "/admin");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(DemoData.ADMIN_EMAIL);
        WebElement password = chrome.findElement(By.id("password"));
        password.sendKeys(DemoData.ADMIN_PASSWORD, Keys.ENTER);
        wait.until(HeadlessChromium.replaced(password));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav-home")));
        assertThat(chrome.getCurrentUrl()).isEqualTo(issuer + "/admin");
    }

    /** The form field a visible label names: fails when a field has no label. */
    private WebElement field(String label) {
        WebElement element = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//label[normalize-space(.)='" + label + "']")));
        return chrome.findElement(By.id(element.getAttribute("for")));
    }

    private String heading() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText();
    }

    private void screenshot(String name) {
        String dir = System.getProperty("kizuna.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            java.nio.file.Path target = java.nio.file.Path.of(dir).resolve(name + ".png");
            java.nio.file.Files.createDirectories(target.getParent());
            java.nio.file.Files.write(target, chrome.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
