package io.kizuna.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.HeadlessChromium;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
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
 * "Cancel" on the sign-in page, in a real headless Chromium: started from the www demo site, the button (in
 * Japanese, reachable by keyboard) takes the browser back to the site with {@code error=access_denied}
 * (RFC 6749 §4.1.2.1).
 */
@KizunaIntegrationTest
class SignInCancelBrowserIT {
    @Value("${kizuna.demo.www-port}")
    int wwwPort;

    ChromeDriver chrome;

    @AfterEach
    void quit() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: キャンセル on the Japanese sign-in page returns to the demo site with access_denied")
    void cancelWhenJapaneseSignInPageThenBackAtSiteWithAccessDenied() {
        chrome = HeadlessChromium.start("ja");
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
        chrome.get("http://localhost:" + wwwPort + "/");
        chrome.findElement(By.id("signin")).click();
        WebElement cancel = wait.until(ExpectedConditions.elementToBeClickable(By.id("signin-cancel")));
        assertThat(cancel.getText()).isEqualTo("キャンセルしてアプリに戻る");
        assertThat(cancel.getTagName()).as("a real button, reachable by keyboard").isEqualTo("button");
        cancel.click();
        wait.until(HeadlessChromium.replaced(cancel));
        wait.until(ExpectedConditions.urlContains("localhost:" + wwwPort));
        assertThat(chrome.getCurrentUrl()).contains("error=access_denied");
        assertThat(chrome.findElement(By.tagName("body")).getText()).contains("access_denied");
    }
}
