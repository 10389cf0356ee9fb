package io.kizuna.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.member.TotpCodes;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
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
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Passkeys and recovery codes in a real headless Chromium. The passkey lives in Chromium's virtual
 * authenticator (a CTAP2 platform authenticator with resident keys and user verification, driven over
 * WebDriver), so the page's script, the browser's WebAuthn client and the server's webauthn4j checks
 * all run for real. The ID tokens are fetched at the token endpoint and their amr/acr checked.
 */
@KizunaIntegrationTest
class PasskeyBrowserIT {
    static final String PASSWORD = "a passkey tester's password";
    static final String LOA3 = "urn:kizuna:loa:3";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TotpCodes totp;

    ChromeDriver chrome;
    WebDriverWait wait;

    @AfterEach
    void quit() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    @DisplayName("W3C WebAuthn §7.1/§7.2: enrol a passkey in /account, sign out, sign in with it passwordless "
            + "(amr hwk+mfa, LoA 3) and as the second factor (amr pwd+hwk, LoA 3); a counter going back is refused")
    void requestWhenMemberUsesAPasskeyThenIdTokenSaysHwkAndLoa3() throws Exception {
        Api api = new Api(issuer);
        String email = "passkey-" + UUID.randomUUID() + "@example.jp";
        String memberId = api.registerMember(email, PASSWORD, "Passkey Tester");
        String redirect = issuer + "/signin/done";
        String[] client = api.registerWebClient(redirect);

        chrome = HeadlessChromium.start("en");
        wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
        VirtualAuthenticator authenticator = chrome.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true)
                .setIsUserConsenting(true));

        // enrol from the account console, after a password sign-in (inside the company network: LoA 2)
        passwordSignIn(email);
        chrome.get(issuer + "/account");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("passkeys-link"))).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("no-passkeys"))).getText())
                .isEqualTo("You have no passkey yet.");
        chrome.findElement(By.id("passkey-add")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("passkeys-notice"))).getText())
                .contains("passkey is saved");
        assertThat(chrome.findElements(By.cssSelector("li.passkey"))).hasSize(1);
        assertThat(chrome.findElement(By.cssSelector("li.passkey")).getText()).contains("one device");
        screenshot("account-passkeys");
        assertThat(authenticator.getCredentials()).singleElement()
                .satisfies(c -> assertThat(c.isResidentCredential()).as("a discoverable credential").isTrue());
        assertThat(events(memberId, "PasskeyRegistered")).hasSize(1);
        signOut();

        // passwordless: the sign-in page's passkey button, then consent
        Pkce pkce = Pkce.generate();
        chrome.get(authorize(client[0], redirect, pkce, null));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("passkey-signin-start")));
        screenshot("signin-passkey");
        chrome.findElement(By.id("passkey-signin-start")).click();
        JWTClaimsSet passwordless = idToken(api, client, redirect, pkce, finishAtClient());
        assertThat(passwordless.getSubject()).isNotBlank();
        assertThat(passwordless.getStringListClaim("amr")).containsExactly("hwk", "mfa");
        assertThat(passwordless.getStringClaim("acr")).isEqualTo(LOA3);
        signOut();

        // second factor: the client asks for LoA 3, the password alone does not reach it
        pkce = Pkce.generate();
        chrome.get(authorize(client[0], redirect, pkce, LOA3));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(email);
        chrome.findElement(By.id("password")).sendKeys(PASSWORD);
        chrome.findElement(By.id("signin-submit")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("passkey-second-factor-start")));
        assertThat(chrome.findElements(By.id("code"))).as("no TOTP app enrolled: no code field").isEmpty();
        chrome.findElement(By.id("passkey-second-factor-start")).click();
        JWTClaimsSet secondFactor = idToken(api, client, redirect, pkce, finishAtClient());
        assertThat(secondFactor.getStringListClaim("amr")).containsExactly("pwd", "hwk");
        assertThat(secondFactor.getStringClaim("acr")).isEqualTo(LOA3);
        assertThat(secondFactor.getSubject()).isEqualTo(passwordless.getSubject());
        signOut();

        // a clone: the same key with its counter set back (W3C WebAuthn §6.1.1) is refused and recorded
        Credential original = authenticator.getCredentials().get(0);
        authenticator.removeAllCredentials();
        authenticator.addCredential(Credential.createResidentCredential(original.getId(), original.getRpId(),
                original.getPrivateKey(), original.getUserHandle(), 0));
        chrome.get(issuer + "/signin");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("passkey-signin-start"))).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error"))).getText())
                .isEqualTo("That passkey could not sign you in.");
        assertThat(events(memberId, "PasskeyCloneSuspected")).hasSize(1);
        assertThat(events(memberId, "LoginFailed")).anySatisfy(e -> assertThat(e).contains("passkey_clone_suspected"));
        assertThat(events(memberId, "LoginSucceeded")).hasSize(3);
    }

    @Test
    @DisplayName("RFC 6238 recovery code in Japanese: a code stands in for the app once, the second use is refused")
    void requestWhenMemberUsesARecoveryCodeThenItWorksOnce() throws Exception {
        Api api = new Api(issuer);
        String email = "recovery-" + UUID.randomUUID() + "@example.jp";
        String memberId = api.registerMember(email, PASSWORD, "Recovery Tester");
        String redirect = issuer + "/signin/done";
        String[] client = api.registerWebClient(redirect);
        chrome = HeadlessChromium.start("ja");
        wait = new WebDriverWait(chrome, Duration.ofSeconds(30));

        passwordSignIn(email);
        chrome.get(issuer + "/account/mfa");
        String secret = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret"))).getText();
        chrome.findElement(By.id("code")).sendKeys(totp.codeAt(secret, totp.currentStep()));
        chrome.findElement(By.id("mfa-submit")).click();
        List<String> codes = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recovery-codes")))
                .findElements(By.tagName("code")).stream().map(WebElement::getText).toList();
        assertThat(codes).hasSize(10);
        chrome.get(issuer + "/account/mfa");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recovery-left"))).getText())
                .isEqualTo("未使用のリカバリーコードは残り 10 個です。");
        signOut();

        Pkce pkce = Pkce.generate();
        recoverySignIn(authorize(client[0], redirect, pkce, LOA3), email, codes.get(0).toUpperCase());
        JWTClaimsSet claims = idToken(api, client, redirect, pkce, finishAtClient());
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd", "otp");
        assertThat(claims.getStringClaim("acr")).isEqualTo(LOA3);
        signOut();

        recoverySignIn(authorize(client[0], redirect, Pkce.generate(), LOA3), email, codes.get(0));
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("otp-error")));
        assertThat(error.getText()).isEqualTo("リカバリーコードが正しくないか、すでに使われています。");
        assertThat(chrome.findElement(By.id("recovery-code")).getAttribute("aria-describedby")).contains("otp-error");
        screenshot("signin-recovery-ja");
        assertThat(events(memberId, "RecoveryCodeUsed")).hasSize(1);
        assertThat(String.join("", events(memberId, "RecoveryCodeUsed"))).doesNotContain(codes.get(0));
    }

    private void recoverySignIn(String authorizeUrl, String email, String code) {
        chrome.get(authorizeUrl);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(email);
        chrome.findElement(By.id("password")).sendKeys(PASSWORD);
        chrome.findElement(By.id("signin-submit")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#recovery summary"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("recovery-code"))).sendKeys(code);
        chrome.findElement(By.id("recovery-submit")).click();
    }

    private void passwordSignIn(String email) {
        chrome.get(issuer + "/signin");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(email);
        chrome.findElement(By.id("password")).sendKeys(PASSWORD);
        chrome.findElement(By.id("signin-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account-link")));
    }

    /** "Sign out everywhere" in the account console, which ends the session and returns to the sign-in page. */
    private void signOut() {
        chrome.get(issuer + "/account");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("end-all-sessions"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-submit")));
    }

    private String authorize(String clientId, String redirect, Pkce pkce, String acr) {
        return issuer + "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&scope=openid&state=s"
                + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256"
                + (acr == null ? "" : "&acr_values=" + URLEncoder.encode(acr, StandardCharsets.UTF_8));
    }

    /** Approves consent when asked (the first time for this client) and returns the code the client got. */
    private String finishAtClient() {
        wait.until(d -> d.getCurrentUrl().contains("code=") || !d.findElements(By.id("approve")).isEmpty());
        if (!chrome.getCurrentUrl().contains("code=")) {
            chrome.findElement(By.id("approve")).click();
            wait.until(d -> d.getCurrentUrl().contains("code="));
        }
        return Browser.queryOf(chrome.getCurrentUrl()).get("code");
    }

    private static JWTClaimsSet idToken(Api api, String[] client, String redirect, Pkce pkce, String code)
            throws Exception {
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", redirect, "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        return SignedJWT.parse(tokens.json().get("id_token").asText()).getJWTClaimsSet();
    }

    private List<String> events(String memberId, String type) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE ? ORDER BY sequencenumber", String.class,
                memberId, "%." + type);
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
