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
        // RFC 9449 §5.2: the DPoP box, reached by its label, stays ticked after saving
        WebElement dpop = field("Require DPoP (dpop_bound_access_tokens, RFC 9449)");
        assertThat(dpop.isSelected()).isFalse();
        dpop.click();
        saveTokens = chrome.findElement(By.id("tokens-submit"));
        saveTokens.click();
        wait.until(HeadlessChromium.replaced(saveTokens));
        assertThat(field("Require DPoP (dpop_bound_access_tokens, RFC 9449)").isSelected()).isTrue();
        // RFC 8705 §3.4: the certificate-binding box likewise, and the DPoP box stays as it was
        String mtlsBound = "Bind tokens to the client certificate (tls_client_certificate_bound_access_tokens, RFC 8705)";
        assertThat(field(mtlsBound).isSelected()).isFalse();
        field(mtlsBound).click();
        saveTokens = chrome.findElement(By.id("tokens-submit"));
        saveTokens.click();
        wait.until(HeadlessChromium.replaced(saveTokens));
        assertThat(field(mtlsBound).isSelected()).isTrue();
        assertThat(field("Require DPoP (dpop_bound_access_tokens, RFC 9449)").isSelected()).isTrue();

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
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("policy-source"))).getText())
                .contains("kizuna.policy");
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

    @Test
    @DisplayName("ja: OIDC DCR §2 をコンソールで — IDトークンの暗号化 RSA-OAEP-256 を保存 (RFC 7592 で読み戻し)、鍵のない ECDH-ES は理由付きで拒否")
    void requestWhenAdministratorSetsResponseProtectionInJapaneseThenRecordedOrRefused() throws Exception {
        io.kizuna.server.support.Api api = new io.kizuna.server.support.Api(issuer);
        com.nimbusds.jose.jwk.RSAKey key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("console-enc")
                .keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).generate();
        io.kizuna.server.support.Api.Response registered = api.postJson("/oauth2/register",
                io.kizuna.server.support.Api.INITIAL_ACCESS_TOKEN, java.util.Map.of(
                        "client_name", "Console protection " + java.util.UUID.randomUUID(),
                        "redirect_uris", java.util.List.of("https://protection-console.example.jp/cb"),
                        "scope", "openid", "jwks", new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toJSONObject(true)));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String clientId = registered.json().get("client_id").asText();
        String management = registered.json().get("registration_access_token").asText();

        start("ja");
        signInThroughConsole();
        chrome.get(issuer + "/admin/clients/" + clientId);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("protection-heading"))).getText())
                .isEqualTo("IDトークンとUserInfoの保護");
        new Select(field("IDトークンの暗号化(id_token_encrypted_response_alg)")).selectByVisibleText("RSA-OAEP-256");
        new Select(field("IDトークンのコンテンツ暗号化(id_token_encrypted_response_enc)")).selectByVisibleText("A256GCM");
        new Select(field("UserInfoの署名(userinfo_signed_response_alg)")).selectByVisibleText("PS256");
        WebElement save = chrome.findElement(By.id("protection-submit"));
        save.sendKeys(Keys.ENTER);
        wait.until(HeadlessChromium.replaced(save));
        assertThat(new Select(field("IDトークンの暗号化(id_token_encrypted_response_alg)")).getFirstSelectedOption()
                .getText()).isEqualTo("RSA-OAEP-256");
        var read = api.get("/oauth2/register/" + clientId, management).json();
        assertThat(read.get("id_token_encrypted_response_alg").asText()).isEqualTo("RSA-OAEP-256");
        assertThat(read.get("id_token_encrypted_response_enc").asText()).isEqualTo("A256GCM");
        assertThat(read.get("userinfo_signed_response_alg").asText()).isEqualTo("PS256");

        // an EC algorithm with only an RSA key registered: refused, the reason next to the form
        new Select(field("UserInfoの暗号化(userinfo_encrypted_response_alg)")).selectByVisibleText("ECDH-ES");
        save = chrome.findElement(By.id("protection-submit"));
        save.sendKeys(Keys.ENTER);
        wait.until(HeadlessChromium.replaced(save));
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("protection-error")));
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(error.getText()).contains("ECDH-ES").contains("jwks");
        assertThat(api.get("/oauth2/register/" + clientId, management).json().has("userinfo_encrypted_response_alg"))
                .isFalse();
    }

    @Test
    @DisplayName("ja: JARM §3 をコンソールで — 署名 ES256 と RSA-OAEP-256 暗号化を保存 (RFC 7592 で読み戻し)、RSA 鍵しかないクライアントの ECDH-ES は欄の横に理由付きで拒否")
    void requestWhenAdministratorSetsJarmInJapaneseThenRecordedOrRefused() throws Exception {
        io.kizuna.server.support.Api api = new io.kizuna.server.support.Api(issuer);
        com.nimbusds.jose.jwk.RSAKey key = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("console-jarm")
                .keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).generate();
        io.kizuna.server.support.Api.Response registered = api.postJson("/oauth2/register",
                io.kizuna.server.support.Api.INITIAL_ACCESS_TOKEN, java.util.Map.of(
                        "client_name", "Console JARM " + java.util.UUID.randomUUID(),
                        "redirect_uris", java.util.List.of("https://jarm-console.example.jp/cb"),
                        "scope", "openid", "jwks", new com.nimbusds.jose.jwk.JWKSet(key.toPublicJWK()).toJSONObject(true)));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String clientId = registered.json().get("client_id").asText();
        String management = registered.json().get("registration_access_token").asText();

        start("ja");
        signInThroughConsole();
        chrome.get(issuer + "/admin/clients/" + clientId);
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("jarm-heading"))).getText())
                .isEqualTo("認可レスポンス（JARM）");
        new Select(field("署名（authorization_signed_response_alg）")).selectByVisibleText("ES256");
        new Select(field("暗号化（authorization_encrypted_response_alg）")).selectByVisibleText("RSA-OAEP-256");
        WebElement save = chrome.findElement(By.id("jarm-submit"));
        save.sendKeys(Keys.ENTER);
        wait.until(HeadlessChromium.replaced(save));
        assertThat(new Select(field("署名（authorization_signed_response_alg）")).getFirstSelectedOption().getText())
                .isEqualTo("ES256");
        var read = api.get("/oauth2/register/" + clientId, management).json();
        assertThat(read.get("authorization_signed_response_alg").asText()).isEqualTo("ES256");
        assertThat(read.get("authorization_encrypted_response_alg").asText()).isEqualTo("RSA-OAEP-256");
        assertThat(read.get("authorization_encrypted_response_enc").asText()).isEqualTo("A128CBC-HS256");

        // an EC algorithm with only an RSA key registered: refused, the reason next to the form, nothing changed
        new Select(field("暗号化（authorization_encrypted_response_alg）")).selectByVisibleText("ECDH-ES");
        save = chrome.findElement(By.id("jarm-submit"));
        save.sendKeys(Keys.ENTER);
        wait.until(HeadlessChromium.replaced(save));
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("jarm-error")));
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(error.getText()).contains("ECDH-ES").contains("jwks");
        assertThat(chrome.findElement(By.id("authorization_encrypted_response_alg")).getAttribute("aria-describedby"))
                .isEqualTo("jarm-error");
        assertThat(api.get("/oauth2/register/" + clientId, management).json()
                .get("authorization_encrypted_response_alg").asText()).isEqualTo("RSA-OAEP-256");
    }

    @Test
    @DisplayName("ja: 認証ポリシーをフォームで変更 — 不正な CIDR は欄の横に理由、正しい値は台帳に管理者の会員 ID とともに記録; 元のポリシーに戻す")
    void requestWhenAdministratorEditsThePolicyInJapaneseThenRecordedOrRefusedAtTheField() throws Exception {
        io.kizuna.server.support.Api api = new io.kizuna.server.support.Api(issuer);
        com.fasterxml.jackson.databind.JsonNode original = api.get("/admin/api/policy",
                io.kizuna.server.support.Api.ADMIN_TOKEN).json();
        try {
            start("ja");
            signInThroughConsole();
            chrome.findElement(By.id("nav-policy")).click();
            assertThat(heading()).isEqualTo("認証ポリシー");
            WebElement networks = field("信頼するネットワーク（CIDR 表記、1 行に 1 つ）");
            assertThat(networks.getAttribute("value")).contains("127.0.0.0/8");
            networks.sendKeys(Keys.ENTER, "198.51.100.0/33");
            WebElement save = chrome.findElement(By.id("policy-save"));
            save.sendKeys(Keys.ENTER);
            wait.until(HeadlessChromium.replaced(save));
            WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("networks-error")));
            assertThat(error.getAttribute("role")).isEqualTo("alert");
            assertThat(error.getText()).contains("受け付けられませんでした").contains("198.51.100.0/33");
            networks = field("信頼するネットワーク（CIDR 表記、1 行に 1 つ）");
            assertThat(networks.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(networks.getAttribute("aria-describedby")).contains("networks-error");
            assertThat(networks.getAttribute("value")).as("kept as typed").contains("198.51.100.0/33");
            screenshot("admin-policy-error-ja");

            networks.clear();
            networks.sendKeys("127.0.0.0/8", Keys.ENTER, "::1/128", Keys.ENTER, "198.51.100.0/24");
            WebElement otpOutside = field("信頼するネットワーク以外からのログインに認証アプリのコード（LoA 3）を必須にする");
            assertThat(otpOutside.isSelected()).isTrue();
            save = chrome.findElement(By.id("policy-save"));
            save.sendKeys(Keys.ENTER);
            wait.until(HeadlessChromium.replaced(save));
            assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("saved-notice"))).getText())
                    .contains("台帳に記録しました");
            String adminId = members.find(DemoData.ADMIN_EMAIL).orElseThrow().memberId();
            assertThat(chrome.findElement(By.id("policy-source")).getText()).contains(adminId)
                    .doesNotContain(DemoData.ADMIN_EMAIL);
            assertThat(chrome.findElement(By.id("policy-rules")).getText()).contains("198.51.100.0/24");
            assertThat(chrome.findElement(By.id("policy-here")).getText()).contains("パスワードだけでログインできます");
            screenshot("admin-policy-edit-ja");

            com.fasterxml.jackson.databind.JsonNode recorded = api.get("/admin/api/policy",
                    io.kizuna.server.support.Api.ADMIN_TOKEN).json();
            assertThat(recorded.get("source").asText()).isEqualTo("ledger");
            assertThat(recorded.get("changed_by").asText()).isEqualTo(adminId);
            assertThat(recorded.get("changed_via").asText()).isEqualTo("admin_console");
            assertThat(recorded.get("trusted_networks").toString()).contains("198.51.100.0/24");

            chrome.get(issuer + "/admin/audit?type=policy.changed");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("events")));
            assertThat(chrome.findElements(By.cssSelector("tr.event[data-type='policy.changed']")).stream()
                    .map(WebElement::getText)).anySatisfy(row -> assertThat(row).contains("198.51.100.0/24")
                    .contains(adminId).contains("admin_console"));
        } finally {
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
            java.util.List<String> networks = new java.util.ArrayList<>();
            original.get("trusted_networks").forEach(n -> networks.add(n.asText()));
            java.util.List<String> clients = new java.util.ArrayList<>();
            original.get("second_factor_clients").forEach(c -> clients.add(c.asText()));
            body.put("trusted_networks", networks);
            body.put("otp_outside_trusted_networks", original.get("otp_outside_trusted_networks").asBoolean());
            body.put("second_factor_clients", clients);
            assertThat(api.putJson("/admin/api/policy", io.kizuna.server.support.Api.ADMIN_TOKEN, body).status())
                    .isEqualTo(200);
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.kizuna.member.MemberCredentialLookup members;

    private void start(String language) {
        chrome = HeadlessChromium.start(language);
        wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
    }

    /** Opens /admin without a session: the sign-in page, then back to the console. */
    private void signInThroughConsole() {
        HeadlessChromium.signInToConsole(chrome, wait, issuer);
        assertThat(chrome.getCurrentUrl()).isEqualTo(issuer + "/admin");
    }

    /** The form field a visible label names: fails when a field has no label. */
    private WebElement field(String label) {
        return HeadlessChromium.labelled(chrome, wait, label);
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
