package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.FrontChannel.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.HeadlessChromium;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;

/**
 * OIDC DCR §2 {@code logo_uri}, {@code policy_uri}, {@code tos_uri} in a real headless Chromium: the client's
 * logo is served by a small HTTP server of the test on another origin (http://127.0.0.1:port, allowed for
 * a loopback host while Kizuna runs on http), so it loads only if the page's Content-Security-Policy lets
 * that origin into {@code img-src}; and it is fetched without a Referer ({@code referrerpolicy=no-referrer}).
 */
@KizunaIntegrationTest
class ClientPresentationBrowserIT {
    static final String PASSWORD = "a long enough password";
    static final String POLICY = "https://rp.example.jp/privacy";
    static final String TOS = "https://rp.example.jp/terms";

    @Value("${kizuna.issuer}")
    String issuer;

    HttpServer logoServer;
    final List<String> logoRequestReferers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serveLogo() throws Exception {
        BufferedImage image = new BufferedImage(120, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x2b, 0x6c, 0xb0));
        g.fillRect(0, 0, 120, 60);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        byte[] bytes = png.toByteArray();
        logoServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        logoServer.createContext("/logo.png", exchange -> {
            logoRequestReferers.add(String.valueOf(exchange.getRequestHeaders().getFirst("Referer")));
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        logoServer.start();
    }

    @AfterEach
    void stopLogo() {
        logoServer.stop(0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "ja"})
    @DisplayName("OIDC DCR §2: the sign-in and consent pages of an authorization request show the client's logo "
            + "(loaded under the page's CSP, no Referer) and its policy and terms links")
    void oidcDcr_2_logoAndLinksShownWhereTheMemberDecides(String language) throws Exception {
        Api api = new Api(issuer);
        String redirect = issuer + "/presentation-landing-" + UUID.randomUUID();
        String name = "Logo RP " + UUID.randomUUID().toString().substring(0, 8);
        String logo = "http://127.0.0.1:" + logoServer.getAddress().getPort() + "/logo.png";
        Api.Response client = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", name, "redirect_uris", List.of(redirect), "grant_types", List.of("authorization_code"),
                "scope", "openid", "logo_uri", logo, "policy_uri", POLICY, "tos_uri", TOS));
        assertThat(client.status()).as(client.raw().body()).isEqualTo(201);
        String email = "presentation-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Presentation Tester");

        ChromeDriver chrome = HeadlessChromium.start(language);
        try {
            WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(30));
            chrome.get(issuer + "/oauth2/authorize?response_type=code&client_id="
                    + client.json().get("client_id").asText() + "&redirect_uri=" + enc(redirect)
                    + "&scope=openid&state=s1&nonce=n1&code_challenge=" + Pkce.generate().challenge()
                    + "&code_challenge_method=S256");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email")));
            assertLogoAndLinks(chrome, wait, name, language, logo);

            chrome.findElement(By.id("email")).sendKeys(email);
            chrome.findElement(By.id("password")).sendKeys(PASSWORD);
            chrome.findElement(By.id("signin-submit")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
            assertLogoAndLinks(chrome, wait, name, language, logo);
            // both the page's Referrer-Policy header and the img's referrerpolicy attribute say no-referrer
            assertThat(logoRequestReferers).as("no Referer reaches the logo's host").isNotEmpty().containsOnly("null");
        } finally {
            chrome.quit();
        }
    }

    private static void assertLogoAndLinks(ChromeDriver chrome, WebDriverWait wait, String name, String language,
                                           String logo) {
        WebElement img = chrome.findElement(By.id("client-logo"));
        assertThat(img.getAttribute("src")).isEqualTo(logo);
        assertThat(img.getAttribute("referrerpolicy")).isEqualTo("no-referrer");
        assertThat(img.getAttribute("alt")).isEqualTo("en".equals(language) ? name + " logo" : name + " のロゴ");
        wait.until(d -> Boolean.TRUE.equals(chrome.executeScript("return arguments[0].complete", img)));
        Number naturalWidth = (Number) chrome.executeScript("return arguments[0].naturalWidth", img);
        assertThat(naturalWidth.intValue()).as("the logo loaded (CSP img-src lets its origin in)").isEqualTo(120);
        Number shownWidth = (Number) chrome.executeScript("return arguments[0].getBoundingClientRect().width", img);
        assertThat(shownWidth.doubleValue()).as("fixed maximum size").isLessThanOrEqualTo(96.0);

        WebElement policy = chrome.findElement(By.id("client-policy"));
        assertThat(policy.getAttribute("href")).isEqualTo(POLICY);
        assertThat(policy.getAttribute("rel")).isEqualTo("noopener noreferrer");
        assertThat(policy.getText()).startsWith("en".equals(language) ? "Privacy policy of " + name
                : name + " のプライバシーポリシー");
        WebElement tos = chrome.findElement(By.id("client-tos"));
        assertThat(tos.getAttribute("href")).isEqualTo(TOS);
        assertThat(tos.getAttribute("rel")).isEqualTo("noopener noreferrer");
        assertThat(tos.getText()).startsWith("en".equals(language) ? "Terms of service of " + name
                : name + " の利用規約");
    }
}
