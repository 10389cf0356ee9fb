package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.FrontChannel.enc;
import static io.kizuna.server.protocol.FrontChannel.location;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The {@code claims} request parameter (OIDC Core §5.5): member claims asked for in the ID token come
 * back there when the granted scope covers them or the member approved them on the consent screen; an essential {@code acr} with values steps the sign-in
 * up like {@code acr_values} (§5.5.1.1); a malformed value is {@code invalid_request}.
 */
@KizunaIntegrationTest
class ClaimsParameterIT {
    static final String REDIRECT = "https://claims.example.jp/cb";
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    Api api;
    String[] client;
    String email;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        client = api.registerWebClient(REDIRECT);
        email = "claims-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Claims Tester");
    }

    String authorize(String scope, String claims, Pkce pkce) {
        return "/oauth2/authorize?response_type=code&client_id=" + client[0] + "&redirect_uri=" + enc(REDIRECT)
                + "&scope=" + enc(scope) + "&state=s1&nonce=n1&code_challenge=" + pkce.challenge()
                + "&code_challenge_method=S256" + (claims == null ? "" : "&claims=" + enc(claims));
    }

    JWTClaimsSet idToken(String code, Pkce pkce) throws Exception {
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        return SignedJWT.parse(tokens.json().get("id_token").asText()).getJWTClaimsSet();
    }

    @Test
    @DisplayName("OIDC Core §5.5: id_token claims are in the ID token: those the granted scope covers, and others after the member approved them")
    void requestWhenIdTokenClaimsRequestedThenCoveredOnesReturned() throws Exception {
        Pkce pkce = Pkce.generate();
        Browser browser = new Browser(issuer);
        HttpResponse<String> done = FrontChannel.signInAndApprove(browser, browser.get(authorize("openid email",
                "{\"id_token\":{\"email\":{\"essential\":true},\"name\":null},\"userinfo\":{\"email\":null}}", pkce)),
                email, PASSWORD);
        JWTClaimsSet claims = idToken(Browser.queryOf(location(done)).get("code"), pkce);
        assertThat(claims.getStringClaim("email")).isEqualTo(email);
        assertThat(claims.getBooleanClaim("email_verified")).isNull();
        assertThat(claims.getStringClaim("name")).as("beyond the granted scope: listed on the consent screen and "
                + "released once the member approved (OIDC Core §5.5)").isEqualTo("Claims Tester");
        assertThat(claims.getClaim("locale")).as("not asked for, profile scope not granted").isNull();

        Pkce plain = Pkce.generate();
        Browser other = new Browser(issuer);
        JWTClaimsSet without = idToken(Browser.queryOf(location(FrontChannel.signInAndApprove(other,
                other.get(authorize("openid email", null, plain)), email, PASSWORD))).get("code"), plain);
        assertThat(without.getClaim("email")).as("not asked for: UserInfo has it").isNull();
    }

    @Test
    @DisplayName("OIDC Core §5.5.1.1: an essential acr with value LoA 3 makes a password session sign in again (step-up); a voluntary one does not")
    void requestWhenEssentialAcrThenStepUp() throws Exception {
        Browser browser = new Browser(issuer);
        Pkce first = Pkce.generate();
        FrontChannel.signInAndApprove(browser, browser.get(authorize("openid", null, first)), email, PASSWORD);

        String essential = "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:kizuna:loa:3\"]}}}";
        assertThat(location(browser.get(authorize("openid", essential, Pkce.generate()))))
                .as("a password-only session is not enough").startsWith("/signin?request=");
        String voluntary = "{\"id_token\":{\"acr\":{\"values\":[\"urn:kizuna:loa:3\"]}}}";
        assertThat(location(browser.get(authorize("openid", voluntary, Pkce.generate())))).startsWith("/consent");
    }

    @Test
    @DisplayName("OIDC Core §5.5: a claims value that is not a JSON object is invalid_request, back to the client")
    void requestWhenClaimsMalformedThenInvalidRequest() throws Exception {
        for (String bad : new String[] {"{not json", "[\"email\"]", "{\"id_token\":{\"email\":\"yes\"}}"}) {
            Map<String, String> error = Browser.queryOf(location(new Browser(issuer).get(authorize("openid", bad,
                    Pkce.generate()))));
            assertThat(error.get("error")).as(bad).isEqualTo("invalid_request");
            assertThat(error.get("state")).isEqualTo("s1");
        }
    }

    @Test
    @DisplayName("OIDC Discovery §3: claims_parameter_supported is true; claims_supported lists c_hash and s_hash")
    void requestWhenDiscoveryThenClaimsParameterSupported() throws Exception {
        var metadata = api.get("/.well-known/openid-configuration", null).json();
        assertThat(metadata.get("claims_parameter_supported").asBoolean()).isTrue();
        assertThat(metadata.get("claims_supported")).extracting(n -> n.asText()).contains("c_hash", "s_hash", "email");
    }
}
