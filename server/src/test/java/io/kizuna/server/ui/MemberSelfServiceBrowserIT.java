package io.kizuna.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.HeadlessChromium;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * A member's self-service in a real headless Chromium, in Japanese: register, confirm the address from
 * the demo outbox, forget the password, reset it from the mailed link, and sign in with the new one.
 */
@KizunaIntegrationTest
class MemberSelfServiceBrowserIT {
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
    @DisplayName("register → outbox → confirm e-mail → forgot password → reset link → sign in with the new password")
    void requestWhenMemberServesThemselvesThenEveryPageWorksInTheBrowser() {
        chrome = HeadlessChromium.start("ja");
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
        String email = "chromium-" + UUID.randomUUID() + "@example.jp";

        chrome.get(issuer + "/register");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name"))).sendKeys("ブラウザ 花子");
        chrome.findElement(By.id("email")).sendKeys(email);
        chrome.findElement(By.id("password")).sendKeys("ブラウザで登録したパスワード");
        chrome.findElement(By.id("register-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-link")));

        chrome.get(issuer + "/outbox");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                .isEqualTo("送信トレイ（デモ）");
        chrome.get(linkIn(mailTo(email), "/verify-email"));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                .isEqualTo("メールアドレスを確認しました");

        chrome.get(issuer + "/signin");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("forgot-link"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(email);
        chrome.findElement(By.id("forgot-submit")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sent-notice"))).getText())
                .contains("30分");

        chrome.get(issuer + "/outbox");
        chrome.get(linkIn(mailTo(email), "/password/reset"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password"))).sendKeys("password1234");
        chrome.findElement(By.id("reset-submit")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-error")));
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(chrome.findElement(By.id("password")).getAttribute("aria-describedby")).contains("password-error");
        chrome.findElement(By.id("password")).sendKeys("新しいブラウザのパスワード");
        WebElement resetSubmit = chrome.findElement(By.id("reset-submit"));
        resetSubmit.click();
        // the form page's own h1 is still there until the next page replaces it
        wait.until(HeadlessChromium.replaced(resetSubmit));
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                .isEqualTo("パスワードを変更しました");

        chrome.findElement(By.id("signin-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(email);
        chrome.findElement(By.id("password")).sendKeys("新しいブラウザのパスワード");
        chrome.findElement(By.id("signin-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account-link"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-link")));
        assertThat(chrome.findElement(By.id("resend-verification")).getText()).isEqualTo("メールアドレス確認用のリンクを再送する");
    }

    /** The newest mail to {@code email} on the outbox page currently shown. */
    private String mailTo(String email) {
        for (WebElement mail : chrome.findElements(By.cssSelector("li.mail"))) {
            if (mail.findElement(By.cssSelector(".recipient")).getText().equals(email)) {
                return mail.findElement(By.cssSelector("pre.body")).getText();
            }
        }
        throw new AssertionError("no mail to " + email);
    }

    private static String linkIn(String body, String path) {
        Matcher m = Pattern.compile("https?://\\S+" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_-]+").matcher(body);
        assertThat(m.find()).as("a %s link in %s", path, body).isTrue();
        return m.group();
    }
}
