package io.kizuna.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.demo.DemoData;
import io.kizuna.server.support.HeadlessChromium;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;

/**
 * The demo service sites in a real headless Chromium: sign in on "www" through Kizuna's pages, then on
 * "shop" (another origin) with the same session — one shared member ID.
 */
@KizunaIntegrationTest
class DemoSitesBrowserIT {
    @Value("${kizuna.demo.www-port}")
    int wwwPort;

    @Value("${kizuna.demo.shop-port}")
    int shopPort;

    @Value("${kizuna.demo.another-port}")
    int anotherPort;

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
    @DisplayName("RFC 6749 §4.1 in a browser: sign in once on www, single sign-on on shop and on another domain, same member ID")
    void requestWhenSigningInOnTwoSitesThenOneMemberId() {
        chrome = HeadlessChromium.start("en");
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));

        chrome.get("http://localhost:" + wwwPort + "/");
        chrome.findElement(By.id("signin")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
        screenshot("signin");
        chrome.findElement(By.id("email")).sendKeys(DemoData.DEMO_EMAIL);
        chrome.findElement(By.id("password")).sendKeys(DemoData.DEMO_PASSWORD);
        chrome.findElement(By.id("signin-submit")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
        screenshot("consent");
        chrome.findElement(By.id("approve")).click();
        String wwwSub = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sub"))).getText();
        assertThat(chrome.findElement(By.id("welcome")).getText()).contains("Demo Member");
        assertThat(chrome.getCurrentUrl()).startsWith("http://localhost:" + wwwPort + "/callback");

        chrome.get("http://localhost:" + shopPort + "/");
        chrome.findElement(By.id("signin")).click();
        // already signed in at Kizuna: no password again, only this site's consent
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        String shopSub = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sub"))).getText();
        assertThat(shopSub).isEqualTo(wwwSub);

        // consent is remembered: a second sign-in on shop goes straight back with a code
        chrome.get("http://localhost:" + shopPort + "/login");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sub"))).getText()).isEqualTo(wwwSub);

        // another domain (127.0.0.1 is another host, so another site than Kizuna's localhost): still one sign-in
        chrome.get("http://127.0.0.1:" + anotherPort + "/");
        assertThat(chrome.findElement(By.tagName("h1")).getText()).contains("another-domain.jp");
        chrome.findElement(By.id("signin")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sub"))).getText()).isEqualTo(wwwSub);
        assertThat(chrome.getCurrentUrl()).startsWith("http://127.0.0.1:" + anotherPort + "/callback");

        // the account console lists both sites with what each may use
        chrome.get(issuer + "/account");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("apps")));
        assertThat(chrome.findElements(By.cssSelector("li.app")).stream()
                .map(app -> app.getAttribute("data-client-id")).toList())
                .contains("www-demo", "shop-demo", "another-demo");
        assertThat(chrome.findElement(By.cssSelector("li[data-client-id=www-demo] li[data-scope=email]")).getText())
                .isEqualTo("Your e-mail address");
        screenshot("account-apps");
        chrome.get(issuer + "/account?lang=ja");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                .isEqualTo("連携中のアプリ");
        screenshot("account-apps-ja");
    }

    /** With -Dkizuna.screenshots=DIR (e.g. docs/screenshots) the main pages are saved as PNG. */
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
