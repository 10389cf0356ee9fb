package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The implicit grant (RFC 6749 §4.2): off by default, only for clients registered with
 * {@code grant_types implicit} / {@code response_types token}; the access token comes back in the
 * redirect URI's fragment (§4.2.2), never with a refresh token, and errors come in the fragment too
 * (§4.2.2.1).
 */
@KizunaIntegrationTest
class ImplicitGrantIT {
    static final String REDIRECT = "https://spa.example.jp/cb";
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
    }

    String registerImplicitClient() throws Exception {
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "SPA " + UUID.randomUUID(), "token_endpoint_auth_method", "none",
                "redirect_uris", List.of(REDIRECT), "grant_types", List.of("implicit"),
                "scope", "openid profile email offline_access"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("client_id").asText();
    }

    static String authorize(String clientId, String responseType, String scope, String state) {
        return "/oauth2/authorize?response_type=" + URLEncoder.encode(responseType, StandardCharsets.UTF_8)
                + "&client_id=" + clientId + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8) + "&state=" + state;
    }

    static Map<String, String> fragmentOf(String location) {
        String fragment = URI.create(location).getRawFragment();
        Map<String, String> params = new LinkedHashMap<>();
        if (fragment != null) {
            for (String pair : fragment.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Test
    @DisplayName("RFC 6749 §4.2.2: an implicit client gets the access token in the fragment with token_type, expires_in, scope, state and iss, and no refresh token")
    void requestWhenImplicitClientApprovesThenTokenInFragment() throws Exception {
        String clientId = registerImplicitClient();
        String email = "implicit-" + UUID.randomUUID() + "@example.jp";
        String memberId = api.registerMember(email, PASSWORD, "Implicit Tester");
        Browser browser = new Browser(issuer);
        String state = UUID.randomUUID().toString();
        HttpResponse<String> authorize = browser.get(authorize(clientId, "token", "openid email", state));
        assertThat(authorize.statusCode()).isEqualTo(302);
        HttpResponse<String> page = browser.get(authorize.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> signedIn = browser.submit(page.body(), "/signin",
                Map.of("email", email, "password", PASSWORD), null);
        HttpResponse<String> consent = browser.get(signedIn.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> approved = consent.statusCode() == 200
                ? browser.submit(consent.body(), "/consent", Map.of(), "approve") : consent;
        String location = approved.headers().firstValue("Location").orElseThrow();

        assertThat(location).startsWith(REDIRECT + "#");
        assertThat(URI.create(location).getRawQuery()).as("nothing in the query").isNull();
        Map<String, String> response = fragmentOf(location);
        assertThat(response).containsKeys("access_token", "token_type", "expires_in", "scope", "state", "iss")
                .doesNotContainKeys("refresh_token", "code", "id_token");
        assertThat(response.get("token_type")).isEqualTo("Bearer");
        assertThat(Long.parseLong(response.get("expires_in"))).isBetween(1L, 600L);
        assertThat(response.get("state")).isEqualTo(state);
        assertThat(response.get("iss")).isEqualTo(issuer);
        assertThat(response.get("scope")).isEqualTo("email openid");

        Api.Response userinfo = api.get("/userinfo", response.get("access_token"));
        assertThat(userinfo.status()).as(userinfo.raw().body()).isEqualTo(200);
        assertThat(userinfo.json().get("sub").asText()).isEqualTo(memberId);
    }

    @Test
    @DisplayName("RFC 6749 §4.2.2.1: a client not registered for the implicit grant gets unauthorized_client in the fragment")
    void requestWhenCodeClientAsksForTokenThenUnauthorizedClient() throws Exception {
        String[] web = api.registerWebClient(REDIRECT);
        String state = UUID.randomUUID().toString();
        HttpResponse<String> r = new Browser(issuer).get(authorize(web[0], "token", "openid", state));
        assertThat(r.statusCode()).isEqualTo(302);
        Map<String, String> error = fragmentOf(r.headers().firstValue("Location").orElseThrow());
        assertThat(error.get("error")).isEqualTo("unauthorized_client");
        assertThat(error.get("error_description")).isNotBlank();
        assertThat(error.get("state")).isEqualTo(state);
        assertThat(error.get("iss")).isEqualTo(issuer);
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2.1 / §4.2.2.1: an unknown response_type is unsupported_response_type; an implicit-only client cannot ask for a code")
    void requestWhenUnsupportedResponseTypeThenError() throws Exception {
        String clientId = registerImplicitClient();
        HttpResponse<String> r = new Browser(issuer).get(authorize(clientId, "code id_token_x", "openid", "s1"));
        assertThat(Browser.queryOf(r.headers().firstValue("Location").orElseThrow()).get("error"))
                .isEqualTo("unsupported_response_type");
        HttpResponse<String> code = new Browser(issuer).get(authorize(clientId, "code", "openid", "s2")
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
        assertThat(Browser.queryOf(code.headers().firstValue("Location").orElseThrow()).get("error"))
                .isEqualTo("unauthorized_client");
    }

    @Test
    @DisplayName("RFC 6749 §4.2.2: offline_access cannot be granted without a refresh token; the token endpoint knows no implicit grant_type")
    void requestWhenOfflineAccessOrTokenEndpointThenRefused() throws Exception {
        String clientId = registerImplicitClient();
        HttpResponse<String> r = new Browser(issuer).get(authorize(clientId, "token", "openid offline_access", "s3"));
        assertThat(fragmentOf(r.headers().firstValue("Location").orElseThrow()).get("error")).isEqualTo("invalid_scope");
        assertOAuthError(api.postForm("/oauth2/token", null, null, Map.of("grant_type", "implicit",
                "client_id", clientId)), 400, "unsupported_grant_type");
    }

    @Test
    @DisplayName("RFC 7591 §2.1: response_types token goes with grant_types implicit; discovery lists token and fragment")
    void requestWhenRegisteringImplicitThenResponseTypesAgree() throws Exception {
        Api.Response ok = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                "client_name", "Dynamic SPA " + UUID.randomUUID(), "token_endpoint_auth_method", "none",
                "redirect_uris", List.of(REDIRECT), "grant_types", List.of("implicit"), "response_types", List.of("token"),
                "scope", "openid"));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(201);
        assertThat(ok.json().get("response_types")).extracting(n -> n.asText()).containsExactly("token");
        assertOAuthError(api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                "client_name", "Mismatched SPA", "token_endpoint_auth_method", "none",
                "redirect_uris", List.of(REDIRECT), "grant_types", List.of("authorization_code"),
                "response_types", List.of("code", "token"), "scope", "openid")), 400, "invalid_client_metadata");
        assertOAuthError(api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                "client_name", "SPA without redirect", "token_endpoint_auth_method", "none",
                "grant_types", List.of("implicit"), "scope", "openid")), 400, "invalid_redirect_uri");
        var metadata = api.get("/.well-known/openid-configuration", null).json();
        assertThat(metadata.get("response_types_supported")).extracting(n -> n.asText()).contains("code", "token");
        assertThat(metadata.get("response_modes_supported")).extracting(n -> n.asText()).contains("fragment");
    }
}
