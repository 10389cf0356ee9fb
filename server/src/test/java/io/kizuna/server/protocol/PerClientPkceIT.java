package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.FrontChannel.enc;
import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.Pkce;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Per-client PKCE (RFC 9700 §2.1.1, RFC 7636): S256 is required by default and always for public
 * clients; a confidential client registered with Kizuna's {@code require_pkce: false} (RFC 7591 §2
 * extension) may leave it out, and then a {@code code_verifier} for its code is {@code invalid_grant}.
 */
@KizunaIntegrationTest
class PerClientPkceIT {
    static final String REDIRECT = "https://rp-nopkce.example.jp/cb";
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
    }

    static String authorize(String clientId, String extra) {
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(REDIRECT)
                + "&scope=openid&state=st-" + UUID.randomUUID() + "&nonce=n-" + UUID.randomUUID() + extra;
    }

    Api.Response registerDynamic(String authMethod, Boolean requirePkce) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "PKCE " + UUID.randomUUID(),
                "redirect_uris", List.of(REDIRECT), "grant_types", List.of("authorization_code"), "scope", "openid",
                "token_endpoint_auth_method", authMethod));
        if (requirePkce != null) {
            metadata.put("require_pkce", requirePkce);
        }
        return api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, metadata);
    }

    @Test
    @DisplayName("RFC 9700 §2.1.1: by default a confidential client's request without code_challenge is invalid_request")
    void requestWhenDefaultClientSendsNoChallengeThenInvalidRequest() throws Exception {
        Api.Response registered = registerDynamic("client_secret_basic", null);
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        assertThat(registered.json().get("require_pkce").asBoolean()).isTrue();
        HttpResponse<String> r = new Browser(issuer).get(authorize(registered.json().get("client_id").asText(), ""));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(Browser.queryOf(FrontChannel.location(r)).get("error")).isEqualTo("invalid_request");
    }

    @Test
    @DisplayName("RFC 9700 §2.1.1: require_pkce false is refused for a public client (invalid_client_metadata, RFC 7591 §3.2.2)")
    void requestWhenPublicClientOptsOutThenInvalidClientMetadata() throws Exception {
        assertOAuthError(registerDynamic("none", false), 400, "invalid_client_metadata");
        assertOAuthError(api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                "client_name", "Bad PKCE", "redirect_uris", List.of(REDIRECT), "grant_types",
                List.of("authorization_code"), "scope", "openid", "require_pkce", "no")), 400,
                "invalid_client_metadata");
    }

    @Test
    @DisplayName("RFC 9700 §2.1.1: a confidential client with require_pkce false gets a code without PKCE; a code_verifier for it is invalid_grant; plain stays refused")
    void requestWhenConfidentialClientOptsOutThenCodeWithoutPkceAndDowngradeRefused() throws Exception {
        Api.Response registered = registerDynamic("client_secret_basic", false);
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        assertThat(registered.json().get("require_pkce").asBoolean()).isFalse();
        String clientId = registered.json().get("client_id").asText();
        String secret = registered.json().get("client_secret").asText();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype LIKE '%ClientTokenSettingsChanged'", Integer.class, clientId)).isEqualTo(1);
        String email = "nopkce-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "No PKCE");

        HttpResponse<String> plain = new Browser(issuer).get(authorize(clientId,
                "&code_challenge=" + "a".repeat(43) + "&code_challenge_method=plain"));
        assertThat(Browser.queryOf(FrontChannel.location(plain)).get("error")).isEqualTo("invalid_request");

        Browser browser = new Browser(issuer);
        String code = Browser.queryOf(FrontChannel.location(FrontChannel.signInAndApprove(browser,
                browser.get(authorize(clientId, "")), email, PASSWORD))).get("code");
        assertThat(code).isNotBlank();
        assertOAuthError(api.postForm("/oauth2/token", clientId, secret, Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "code_verifier", Pkce.generate().verifier())), 400,
                "invalid_grant");
        Api.Response tokens = api.postForm("/oauth2/token", clientId, secret, Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", REDIRECT));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        assertThat(tokens.json().get("id_token").asText()).isNotBlank();

        // with PKCE the same client is still held to it (RFC 7636 §4.6)
        Pkce pkce = Pkce.generate();
        Browser again = new Browser(issuer);
        String second = Browser.queryOf(FrontChannel.location(FrontChannel.signInAndApprove(again,
                again.get(authorize(clientId, "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256")),
                email, PASSWORD))).get("code");
        assertThat(second).isNotBlank();
        assertOAuthError(api.postForm("/oauth2/token", clientId, secret, Map.of("grant_type", "authorization_code",
                "code", second, "redirect_uri", REDIRECT)), 400, "invalid_grant");
    }

    @Test
    @DisplayName("admin API: token-settings require_pkce false is recorded and shown; the public-client rule holds there too")
    void requestWhenAdminSetsRequirePkceThenShown() throws Exception {
        String[] web = api.registerWebClient(REDIRECT);
        Api.Response changed = api.putJson("/admin/api/clients/" + web[0] + "/token-settings", Api.ADMIN_TOKEN,
                Map.of("require_pkce", false));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(changed.json().get("require_pkce").asBoolean()).isFalse();
        Api.Response spa = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of("client_name", "SPA " + UUID.randomUUID(),
                "token_endpoint_auth_method", "none", "redirect_uris", List.of(REDIRECT), "scope", "openid"));
        assertThat(spa.status()).isEqualTo(201);
        Api.Response refused = api.putJson("/admin/api/clients/" + spa.json().get("client_id").asText()
                + "/token-settings", Api.ADMIN_TOKEN, Map.of("require_pkce", false));
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
        assertThat(refused.json().get("error").asText()).isEqualTo("invalid_client_metadata");
    }
}
