package io.kizuna.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.kizuna.member.TotpCodes;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** OIDC Core §3.1.2.1 parameters that shape the interaction: prompt, max_age, acr_values, login_hint. */
@KizunaIntegrationTest
class OidcInteractionIT {
    static final String REDIRECT = "https://interaction.example.jp/cb";
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    TotpCodes totp;

    Api api;
    String[] client;
    String email;
    Browser browser;

    @BeforeEach
    void signedInAndConsented() throws Exception {
        api = new Api(issuer);
        client = api.registerWebClient(REDIRECT);
        email = "interaction-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Interaction Tester");
        browser = new Browser(issuer);
    }

    private HttpResponse<String> authorize(String extra, Pkce pkce) throws Exception {
        return browser.get("/oauth2/authorize?response_type=code&client_id=" + client[0] + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=s1&code_challenge="
                + pkce.challenge() + "&code_challenge_method=S256" + extra);
    }

    private String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** Signs in and consents once, so later requests can rely on the session and the remembered consent. */
    private void consentOnce() throws Exception {
        HttpResponse<String> page = browser.get(location(authorize("", Pkce.generate())));
        HttpResponse<String> signedIn = browser.submit(page.body(), "/signin", Map.of("email", email, "password",
                PASSWORD), null);
        HttpResponse<String> consent = browser.get(location(signedIn));
        assertThat(location(browser.submit(consent.body(), "/consent", Map.of(), "approve"))).startsWith(REDIRECT);
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.6: prompt=none without a session answers login_required")
    void requestWhenPromptNoneWithoutSessionThenLoginRequired() throws Exception {
        assertThat(Browser.queryOf(location(authorize("&prompt=none", Pkce.generate()))))
                .containsEntry("error", "login_required").containsEntry("state", "s1").containsEntry("iss", issuer);
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.6: prompt=none with a session and remembered consent returns a code at once")
    void requestWhenPromptNoneWithSessionAndConsentThenCode() throws Exception {
        consentOnce();
        Pkce pkce = Pkce.generate();
        Map<String, String> response = Browser.queryOf(location(authorize("&prompt=none", pkce)));
        assertThat(response).containsKey("code").containsEntry("state", "s1");
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", response.get("code"), "redirect_uri", REDIRECT,
                "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).isEqualTo(200);
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.6: prompt=none when consent was never given answers consent_required")
    void requestWhenPromptNoneWithoutConsentThenConsentRequired() throws Exception {
        HttpResponse<String> page = browser.get(location(authorize("", Pkce.generate())));
        browser.submit(page.body(), "/signin", Map.of("email", email, "password", PASSWORD), null);
        assertThat(Browser.queryOf(location(authorize("&prompt=none", Pkce.generate()))))
                .containsEntry("error", "consent_required");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: prompt=consent shows the consent page even when consent is remembered")
    void requestWhenPromptConsentThenConsentPageShown() throws Exception {
        consentOnce();
        HttpResponse<String> consent = browser.get(location(authorize("&prompt=consent", Pkce.generate())));
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body()).contains("id=\"approve\"");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: max_age=0 demands a fresh sign-in despite the session")
    void requestWhenMaxAgeZeroThenSignInAgain() throws Exception {
        consentOnce();
        assertThat(location(authorize("&max_age=0", Pkce.generate()))).startsWith("/signin?request=");
        assertThat(location(authorize("&max_age=3600", Pkce.generate()))).startsWith("/consent?request=");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: login_hint prefills the e-mail address")
    void requestWhenLoginHintThenPrefilled() throws Exception {
        HttpResponse<String> page = browser.get(location(authorize("&login_hint="
                + URLEncoder.encode(email, StandardCharsets.UTF_8), Pkce.generate())));
        assertThat(page.body()).contains("value=\"" + email + "\"");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: malformed prompt or max_age is invalid_request, back to the client")
    void requestWhenMalformedPromptOrMaxAgeThenInvalidRequest() throws Exception {
        assertThat(Browser.queryOf(location(authorize("&prompt=sometimes", Pkce.generate()))))
                .containsEntry("error", "invalid_request");
        assertThat(Browser.queryOf(location(authorize("&prompt=none%20login", Pkce.generate()))))
                .containsEntry("error", "invalid_request");
        assertThat(Browser.queryOf(location(authorize("&max_age=soon", Pkce.generate()))))
                .containsEntry("error", "invalid_request");
    }

    @Test
    @DisplayName("acr_values=urn:kizuna:loa:3 steps a password session up with TOTP, even inside the company network")
    void requestWhenLoa3RequestedThenStepUpWithTotp() throws Exception {
        consentOnce();
        HttpResponse<String> mfa = browser.get("/account/mfa");
        Matcher secret = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(mfa.body());
        assertThat(secret.find()).isTrue();
        browser.submit(mfa.body(), "/account/mfa", Map.of("code", totp.codeAt(secret.group(1), totp.currentStep())),
                null);

        Pkce pkce = Pkce.generate();
        String signIn = location(authorize("&acr_values=" + URLEncoder.encode("urn:kizuna:loa:3", StandardCharsets.UTF_8),
                pkce));
        assertThat(signIn).as("a password-only session is not enough").startsWith("/signin?request=");
        HttpResponse<String> password = browser.submit(browser.get(signIn).body(), "/signin",
                Map.of("email", email, "password", PASSWORD), null);
        String otpPage = location(password);
        assertThat(otpPage).startsWith("/signin/otp");
        HttpResponse<String> otp = browser.submit(browser.get(otpPage).body(), "/signin/otp",
                Map.of("code", totp.codeAt(secret.group(1), totp.currentStep())), null);
        Map<String, String> response = Browser.queryOf(location(browser.get(location(otp))));
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", response.get("code"), "redirect_uri", REDIRECT,
                "code_verifier", pkce.verifier()));
        var claims = SignedJWT.parse(tokens.json().get("id_token").asText()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("acr")).isEqualTo("urn:kizuna:loa:3");
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd", "otp");
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1: acr_values lists acceptable values; with LoA 2 among them a password session suffices")
    void requestWhenAcrValuesListLoa2AndLoa3ThenPasswordSessionSuffices() throws Exception {
        consentOnce();
        Pkce pkce = Pkce.generate();
        String back = location(authorize("&acr_values=" + URLEncoder.encode("urn:kizuna:loa:2 urn:kizuna:loa:3",
                StandardCharsets.UTF_8), pkce));
        assertThat(back).as("no step-up: LoA 2 is acceptable").startsWith("/consent");
        back = location(browser.get(back)); // the consent is remembered: straight back to the client
        assertThat(back).startsWith(REDIRECT);
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", Browser.queryOf(back).get("code"), "redirect_uri", REDIRECT,
                "code_verifier", pkce.verifier()));
        var claims = SignedJWT.parse(tokens.json().get("id_token").asText()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("acr")).isEqualTo("urn:kizuna:loa:2");
    }
}
