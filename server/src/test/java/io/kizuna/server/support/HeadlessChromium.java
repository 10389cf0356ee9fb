package io.kizuna.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's {@code chromium} + {@code chromium-driver}, installed by
 * {@code .ci/run}); nothing is downloaded at test time. Override the paths with
 * {@code -Dkizuna.chromium=…} and {@code -Dkizuna.chromedriver=…}.
 */
public final class HeadlessChromium {
    private HeadlessChromium() {
    }

    public static ChromeDriver start(String language) {
        String binary = System.getProperty("kizuna.chromium", "/usr/bin/chromium");
        String driver = System.getProperty("kizuna.chromedriver", "/usr/bin/chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("kizuna-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--lang=" + language,
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driver).toFile())
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    /**
     * Waits until {@code element}'s page has been replaced by the next one. Selenium's
     * {@code stalenessOf} only expects {@link StaleElementReferenceException}; while the old document
     * is being torn down chromedriver may instead answer "unknown error: Node with given id does not
     * belong to the document", which means the same thing and must not fail the test.
     */
    public static org.openqa.selenium.support.ui.ExpectedCondition<Boolean> replaced(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                String message = String.valueOf(e.getMessage());
                if (message.contains("does not belong to the document") || message.contains("No node with given id")) {
                    return true;
                }
                throw e;
            }
        };
    }

    /**
     * Fills Kizuna's sign-in form (whichever page shows it: {@code /signin}, an authorization request's
     * sign-in, the console's) with {@code email} and {@code password}, submits it and waits until the next page
     * has replaced it.
     */
    public static void signIn(ChromeDriver chrome, org.openqa.selenium.support.ui.WebDriverWait wait, String email,
                              String password) {
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                org.openqa.selenium.By.id("email"))).sendKeys(email);
        chrome.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
        WebElement submit = chrome.findElement(org.openqa.selenium.By.id("signin-submit"));
        submit.click();
        wait.until(replaced(submit));
    }

    /** Opens the admin console without a session, signs in as the demo administrator, ends on the console home. */
    public static void signInToConsole(ChromeDriver chrome, org.openqa.selenium.support.ui.WebDriverWait wait,
                                       String issuer) {
        chrome.get(issuer + "/admin");
        signIn(chrome, wait, io.kizuna.server.demo.DemoData.ADMIN_EMAIL, io.kizuna.server.demo.DemoData.ADMIN_PASSWORD);
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                org.openqa.selenium.By.id("nav-home")));
    }

    /** The form field a visible label names (its {@code for}); fails when the field has no such label. */
    public static WebElement labelled(ChromeDriver chrome, org.openqa.selenium.support.ui.WebDriverWait wait,
                                      String label) {
        WebElement element = wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                org.openqa.selenium.By.xpath("//label[normalize-space(.)='" + label + "']")));
        return chrome.findElement(org.openqa.selenium.By.id(element.getAttribute("for")));
    }
}
