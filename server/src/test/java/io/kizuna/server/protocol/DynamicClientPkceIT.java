package io.kizuna.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.client.ClientRegistrations;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.ClientSecrets;
import io.kizuna.config.KizunaProperties;
import io.kizuna.protocol.oauth2.registration.ClientRegistrationEndpoint;
import io.kizuna.protocol.oauth2.registration.DynamicClientPkce;
import io.kizuna.protocol.oauth2.registration.InitialAccessTokens;
import io.kizuna.protocol.oauth2.registration.RegistrationScopePolicy;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
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
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code kizuna.registration.dynamic-client-pkce-required=false} (RFC 9700 §2.1.1, OIDC Core 1.0 §3.1.2.1):
 * dynamically registered confidential clients that send no {@code require_pkce} get {@code false}, recorded
 * in {@code client.token_settings.changed}, and their authorization requests need no PKCE; public clients
 * and explicit values are untouched. The shared test server runs with the default ({@code true}, covered by
 * {@link PerClientPkceIT}), so this test registers through a registration endpoint built from the
 * server's own components with the setting off, in a transaction as the real one, against the same
 * ledger and database; the authorization and token requests then go to the running server over HTTP.
 */
@KizunaIntegrationTest
class DynamicClientPkceIT {
    static final String REDIRECT = "https://rp-dcr-pkce.example.jp/cb";

    @Value("${kizuna.issuer}")
    String issuer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    AutowireCapableBeanFactory beans;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    ClientRegistry registry;
    @Autowired
    InitialAccessTokens initialAccessTokens;
    @Autowired
    ClientRegistrations registrations;
    @Autowired
    ClientSecrets secrets;
    @Autowired
    KizunaProperties properties;
    @Autowired
    RegistrationScopePolicy scopePolicy;

    ClientRegistrationEndpoint off;
    Api api;

    @BeforeEach
    void setUp() {
        off = new ClientRegistrationEndpoint(initialAccessTokens, registrations, registry, secrets, properties, json,
                scopePolicy, new DynamicClientPkce(false));
        beans.autowireBean(off);
        api = new Api(issuer);
    }

    JsonNode register(String authMethod, Boolean requirePkce) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "DCR PKCE " + UUID.randomUUID(),
                "redirect_uris", List.of(REDIRECT), "grant_types", List.of("authorization_code"),
                "scope", "openid", "token_endpoint_auth_method", authMethod));
        if (requirePkce != null) {
            metadata.put("require_pkce", requirePkce);
        }
        String body = json.writeValueAsString(metadata);
        ResponseEntity<Map<String, Object>> response = new TransactionTemplate(transactionManager).execute(status ->
                off.register("Bearer " + Api.INITIAL_ACCESS_TOKEN, body));
        assertThat(response.getStatusCode().value()).isEqualTo(201);
        return json.valueToTree(response.getBody());
    }

    int tokenSettingsEvents(String clientId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype LIKE '%ClientTokenSettingsChanged'", Integer.class, clientId);
    }

    @Test
    @DisplayName("RFC 9700 §2.1.1 with the setting off: a confidential DCR client without require_pkce gets false, recorded in the ledger, and a code without PKCE")
    void registerWhenSettingOffThenConfidentialClientNeedsNoPkce() throws Exception {
        JsonNode registered = register("client_secret_basic", null);
        assertThat(registered.get("require_pkce").asBoolean()).isFalse();
        String clientId = registered.get("client_id").asText();
        String secret = registered.get("client_secret").asText();
        assertThat(tokenSettingsEvents(clientId)).isEqualTo(1);
        assertThat(registry.find(clientId).orElseThrow().tokenSettings().requirePkce()).isFalse();

        // the running server (setting on) honours what was recorded: RFC 7591 §3.2.1 reads it back, and the
        // authorization request without code_challenge gets a code (OIDC Core 1.0 §3.1.2.1)
        Api.Response read = api.get("/oauth2/register/" + clientId, registered.get("registration_access_token").asText());
        assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
        assertThat(read.json().get("require_pkce").asBoolean()).isFalse();
        String email = "dcr-pkce-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PerClientPkceIT.PASSWORD, "DCR PKCE");
        Browser browser = new Browser(issuer);
        HttpResponse<String> start = browser.get("/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + FrontChannel.enc(REDIRECT) + "&scope=openid&state=s1&nonce=n1");
        String code = Browser.queryOf(FrontChannel.location(FrontChannel.signInAndApprove(browser, start, email,
                PerClientPkceIT.PASSWORD))).get("code");
        assertThat(code).isNotBlank();
        Api.Response tokens = api.postForm("/oauth2/token", clientId, secret, Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", REDIRECT));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        assertThat(tokens.json().get("id_token").asText()).isNotBlank();
    }

    @Test
    @DisplayName("RFC 9700 §2.1.1 with the setting off: public clients keep PKCE, an explicit require_pkce true is kept")
    void registerWhenSettingOffThenPublicAndExplicitKeepPkce() throws Exception {
        JsonNode publicClient = register("none", null);
        assertThat(publicClient.get("require_pkce").asBoolean()).isTrue();
        JsonNode explicit = register("client_secret_basic", true);
        assertThat(explicit.get("require_pkce").asBoolean()).isTrue();
        HttpResponse<String> r = new Browser(issuer).get("/oauth2/authorize?response_type=code&client_id="
                + publicClient.get("client_id").asText() + "&redirect_uri=" + FrontChannel.enc(REDIRECT)
                + "&scope=openid&state=s2&nonce=n2");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(Browser.queryOf(FrontChannel.location(r)).get("error")).isEqualTo("invalid_request");
    }
}
