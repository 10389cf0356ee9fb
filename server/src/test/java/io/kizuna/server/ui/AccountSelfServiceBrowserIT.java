package io.kizuna.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The account console's profile and deletion pages in a real headless Chromium: edit the profile in
 * Japanese (a refused phone number is announced and marked), change the e-mail address, then delete the
 * account in English after its confirmation step.
 */
@KizunaIntegrationTest
class AccountSelfServiceBrowserIT {
    static final String PASSWORD = "self service browser password";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    ChromeDriver chrome;

    @AfterEach
    void quit() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    @DisplayName("profile (ja): refused phone marked, saved with a new e-mail; delete (en): tick + password → forgotten")
    void requestWhenMemberEditsProfileAndDeletesAccountThenBothWorkInTheBrowser() throws Exception {
        String email = "self-" + UUID.randomUUID() + "@example.jp";
        String newEmail = "self-new-" + UUID.randomUUID() + "@example.jp";
        String memberId = new Api(issuer).registerMember(email, PASSWORD, "Self Service");
        chrome = HeadlessChromium.start("ja");
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));

        chrome.get(issuer + "/signin");
        HeadlessChromium.signIn(chrome, wait, email, PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account-link"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("profile-link"))).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                .isEqualTo("プロフィール");
        WebElement name = chrome.findElement(By.id("name"));
        name.clear();
        name.sendKeys("自己 管理");
        chrome.findElement(By.id("phone")).sendKeys("電話ください");
        chrome.findElement(By.id("address")).sendKeys("大阪府大阪市北区1-2-3");
        WebElement submit = chrome.findElement(By.id("profile-submit"));
        submit.click();
        wait.until(HeadlessChromium.replaced(submit));
        WebElement phoneError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("phone-error")));
        assertThat(phoneError.getAttribute("role")).isEqualTo("alert");
        assertThat(chrome.findElement(By.id("phone")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(chrome.findElement(By.id("address")).getAttribute("value")).isEqualTo("大阪府大阪市北区1-2-3");

        WebElement phone = chrome.findElement(By.id("phone"));
        phone.clear();
        phone.sendKeys("06-1234-5678");
        WebElement emailField = chrome.findElement(By.id("email"));
        emailField.clear();
        emailField.sendKeys(newEmail);
        chrome.findElement(By.id("profile-submit")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("profile-notice"))).getText())
                .contains("確認用のリンク");
        assertThat(chrome.findElement(By.id("email-unverified")).isDisplayed()).isTrue();
        assertThat(chrome.findElement(By.id("phone")).getAttribute("value")).isEqualTo("06-1234-5678");
        screenshot("account-profile-ja");

        chrome.get(issuer + "/account?lang=en");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("delete-link"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("current"))).sendKeys(PASSWORD);
        screenshot("account-delete");
        // the browser itself refuses the form until the box is ticked (required), so nothing is sent yet
        chrome.findElement(By.id("delete-submit")).click();
        assertThat(chrome.findElement(By.id("confirm")).getAttribute("validationMessage")).isNotBlank();
        assertThat(forgotten(memberId)).isEmpty();
        chrome.findElement(By.id("confirm")).click();
        chrome.findElement(By.id("delete-submit")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                .isEqualTo("Your account is deleted");
        assertThat(forgotten(memberId)).hasSize(1);
        chrome.get(issuer + "/account");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-submit")));
    }

    private java.util.List<String> forgotten(String memberId) {
        return jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%.MemberForgotten'", String.class, memberId);
    }

    /** With -Dkizuna.screenshots=DIR (e.g. docs/screenshots) the new pages are saved as PNG. */
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
