package io.kizuna.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.HeadlessChromium;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * The OIDC Core §5.1 standard claims in a real headless Chromium: the member fills them in on the profile page
 * (English), a wrong birthdate is announced and marked while the other values stay, the corrected profile is
 * saved and shown again; then a client's claims request (§5.5) for claims beyond its scope is listed on the
 * consent screen (Japanese) with the essential one marked.
 */
@KizunaIntegrationTest
class StandardClaimsBrowserIT {
    static final String PASSWORD = "standard claims browser password";
    static final String REDIRECT = "https://claims-browser.example.jp/cb";

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
    @DisplayName("OIDC Core §5.1: profile page edits the standard claims with field errors; §5.5 consent lists requested claims")
    void oidcCore_5_1_profilePageEditsStandardClaimsAndConsentListsRequestedClaims() throws Exception {
        Api api = new Api(issuer);
        String email = "claims-browser-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Browser Claims");
        chrome = HeadlessChromium.start("en");
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));

        chrome.get(issuer + "/signin");
        HeadlessChromium.signIn(chrome, wait, email, PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account-link"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("profile-link"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("given_name"))).sendKeys("Hanako");
        assertThat(chrome.findElement(By.cssSelector("label[for=given_name]")).getText()).isEqualTo("Given name (optional)");
        chrome.findElement(By.id("family_name")).sendKeys("Yamada");
        chrome.findElement(By.id("birthdate")).sendKeys("1990-13-01");
        chrome.findElement(By.id("zoneinfo")).sendKeys("Asia/Tokyo");
        chrome.findElement(By.id("website")).sendKeys("https://hanako.example.jp/");
        chrome.findElement(By.id("postal_code")).sendKeys("100-0001");
        WebElement submit = chrome.findElement(By.id("profile-submit"));
        submit.click();
        wait.until(HeadlessChromium.replaced(submit));
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("birthdate-error")));
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(error.getText()).contains("YYYY-MM-DD");
        WebElement birthdate = chrome.findElement(By.id("birthdate"));
        assertThat(birthdate.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(birthdate.getAttribute("aria-describedby")).isEqualTo("birthdate-hint birthdate-error");
        assertThat(chrome.findElement(By.id("given_name")).getAttribute("value")).isEqualTo("Hanako");
        assertThat(chrome.findElement(By.id("zoneinfo")).getAttribute("value")).isEqualTo("Asia/Tokyo");

        birthdate.clear();
        birthdate.sendKeys("0000-04-01");
        chrome.findElement(By.id("profile-submit")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("profile-notice"))).getText())
                .isEqualTo("Your profile is saved.");
        chrome.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("given_name")));
        assertThat(chrome.findElement(By.id("birthdate")).getAttribute("value")).isEqualTo("0000-04-01");
        assertThat(chrome.findElement(By.id("family_name")).getAttribute("value")).isEqualTo("Yamada");
        assertThat(chrome.findElement(By.id("website")).getAttribute("value")).isEqualTo("https://hanako.example.jp/");
        assertThat(chrome.findElement(By.id("postal_code")).getAttribute("value")).isEqualTo("100-0001");
        assertThat(chrome.findElements(By.cssSelector("[aria-invalid=true]"))).isEmpty();
        screenshot("account-profile-claims");

        Api.Response client = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Claims browser RP", "redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code"), "scope", "openid profile email"));
        assertThat(client.status()).isEqualTo(201);
        String claims = "{\"userinfo\":{\"birthdate\":{\"essential\":true},\"given_name\":null}}";
        chrome.get(issuer + "/oauth2/authorize?response_type=code&client_id=" + client.json().get("client_id").asText()
                + "&redirect_uri=" + enc(REDIRECT) + "&scope=openid%20email&state=s&nonce=n&code_challenge="
                + Pkce.generate().challenge() + "&code_challenge_method=S256&claims=" + enc(claims));
        WebElement english = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("claims")));
        assertThat(english.findElement(By.id("claims-heading")).getText()).endsWith("also asks for these details:");
        chrome.findElement(By.id("lang-ja")).click();
        wait.until(HeadlessChromium.replaced(english));
        WebElement listed = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("claims")));
        assertThat(listed.findElement(By.cssSelector("li[data-claim=birthdate]")).getText())
                .isEqualTo("生年月日 (アプリが必須としています)");
        assertThat(listed.findElement(By.cssSelector("li[data-claim=given_name]")).getText()).isEqualTo("名");
        assertThat(chrome.findElement(By.id("approve")).isEnabled()).isTrue();
        screenshot("consent-claims-ja");
    }

    /** With -Dkizuna.screenshots=DIR the pages are saved as PNG (as in AccountSelfServiceBrowserIT). */
    private void screenshot(String name) throws java.io.IOException {
        String dir = System.getProperty("kizuna.screenshots");
        if (dir == null || dir.isBlank()) {
            return;
        }
        java.nio.file.Path target = java.nio.file.Path.of(dir).resolve(name + ".png");
        java.nio.file.Files.createDirectories(target.getParent());
        chrome.manage().window().setSize(new org.openqa.selenium.Dimension(1000, 3000));
        java.nio.file.Files.write(target, chrome.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
