package io.kizuna.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.HeadlessChromium;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
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
 * OpenID Connect RP-Initiated Logout 1.0 in a real headless Chromium: the confirmation page in Japanese
 * and English, and "Sign out" on a demo site signing the browser out of Kizuna and, by Back-Channel
 * Logout 1.0, out of the other demo site.
 */
@KizunaIntegrationTest
class LogoutBrowserIT {
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.demo.www-port}")
    int wwwPort;

    @Value("${kizuna.demo.shop-port}")
    int shopPort;

    @Value("${kizuna.issuer}")
    String issuer;

    ChromeDriver chrome;

    @AfterEach
    void quit() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    private String newMember() throws Exception {
        String email = "logout-browser-" + UUID.randomUUID() + "@example.jp";
        new Api(issuer).registerMember(email, PASSWORD, "Logout Browser");
        return email;
    }

    private void signInAtKizuna(WebDriverWait wait, String email) {
        chrome.get(issuer + "/signin");
        HeadlessChromium.signIn(chrome, wait, email, PASSWORD);
    }

    @Test
    @DisplayName("RP-Initiated Logout §2: the confirmation page in Japanese; confirming shows the signed-out page")
    void requestWhenJapaneseThenConfirmationInJapaneseAndSignedOut() throws Exception {
        chrome = HeadlessChromium.start("ja");
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
        signInAtKizuna(wait, newMember());

        chrome.get(issuer + "/oauth2/logout?client_id=www-demo&ui_locales=ja");
        WebElement confirm = wait.until(ExpectedConditions.elementToBeClickable(By.id("logout-confirm")));
        assertThat(chrome.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
        assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Kizuna からログアウトしますか？");
        assertThat(chrome.findElement(By.id("logout-client")).getText()).contains("www.example.jp (demo)");
        assertThat(confirm.getText()).isEqualTo("ログアウトする");
        confirm.click();
        wait.until(HeadlessChromium.replaced(confirm));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logout-done"))).getText())
                .isEqualTo("ログアウトしました");

        chrome.get(issuer + "/account");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
        assertThat(chrome.getCurrentUrl()).contains("/signin");
    }

    @Test
    @DisplayName("RP-Initiated Logout §2: the confirmation page in English; 'Stay signed in' keeps the session")
    void requestWhenEnglishAndStayThenStillSignedIn() throws Exception {
        chrome = HeadlessChromium.start("en");
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
        signInAtKizuna(wait, newMember());

        chrome.get(issuer + "/oauth2/logout?client_id=shop-demo");
        WebElement stay = wait.until(ExpectedConditions.elementToBeClickable(By.id("logout-stay")));
        assertThat(chrome.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Sign out of Kizuna?");
        assertThat(chrome.findElement(By.id("logout-confirm")).getText()).isEqualTo("Sign out");
        stay.click();
        wait.until(HeadlessChromium.replaced(stay));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("logout-stayed"))).getText())
                .isEqualTo("You are still signed in");
        chrome.get(issuer + "/account");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sessions")));
        assertThat(chrome.getCurrentUrl()).as("still signed in").endsWith("/account");
    }

    @Test
    @DisplayName("Sign out on the www demo site: signed out of Kizuna, back on www, and shop told by back-channel")
    void requestWhenSignOutOnDemoSiteThenSignedOutEverywhere() throws Exception {
        chrome = HeadlessChromium.start("en");
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
        String email = newMember();
        String www = "http://localhost:" + wwwPort;
        String shop = "http://localhost:" + shopPort;

        chrome.get(www + "/");
        chrome.findElement(By.id("signin")).click();
        HeadlessChromium.signIn(chrome, wait, email, PASSWORD);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sub")));
        chrome.get(shop + "/");
        chrome.findElement(By.id("signin")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sub")));
        chrome.get(shop + "/");
        assertThat(chrome.findElement(By.id("welcome")).getText()).contains("Logout Browser");

        chrome.get(www + "/");
        WebElement signOut = wait.until(ExpectedConditions.elementToBeClickable(By.id("signout")));
        signOut.click();
        // the ID token hint names this very session: no confirmation, straight back to www
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-out"))).getText())
                .contains("Signed out");
        assertThat(chrome.getCurrentUrl()).startsWith(www + "/signed-out?state=");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            chrome.get(shop + "/");
            assertThat(chrome.findElements(By.id("signed-out-state"))).as("shop signed out by back-channel")
                    .hasSize(1);
        });
        chrome.get(issuer + "/account");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
        assertThat(chrome.getCurrentUrl()).contains("/signin");
    }
}
