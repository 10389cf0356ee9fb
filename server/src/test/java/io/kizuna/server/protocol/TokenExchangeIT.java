package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Token exchange (RFC 8693), impersonation semantics, over HTTP. */
@KizunaIntegrationTest
class TokenExchangeIT {
    static final String GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    static final String REDIRECT = "https://exchange.example.jp/cb";
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    Api api;
    String[] web;
    String[] exchanger;
    String memberId;
    JsonNode tokens;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        web = api.registerWebClient(REDIRECT);
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Orders service " + UUID.randomUUID(), "grant_types", List.of(GRANT),
                "scope", "profile email api:read"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        exchanger = new String[] {r.json().get("client_id").asText(), r.json().get("client_secret").asText()};
        String email = "exchange-" + UUID.randomUUID() + "@example.jp";
        memberId = api.registerMember(email, PASSWORD, "Exchange Tester");
        CodeFlow.Result flow = CodeFlow.run(issuer, web[0], REDIRECT, email, PASSWORD,
                "openid profile email offline_access");
        tokens = api.postForm("/oauth2/token", web[0], web[1], Map.of("grant_type", "authorization_code",
                "code", flow.code(), "redirect_uri", REDIRECT, "code_verifier", flow.verifier())).json();
    }

    Api.Response exchange(String[] as, Map<String, String> extra) throws Exception {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", GRANT,
                "subject_token", tokens.get("access_token").asText(), "subject_token_type", ACCESS_TOKEN));
        form.putAll(extra);
        return api.postForm("/oauth2/token", as[0], as[1], form);
    }

    JsonNode introspect(String token) throws Exception {
        return api.postForm("/oauth2/introspect", web[0], web[1], Map.of("token", token)).json();
    }

    @Test
    @DisplayName("RFC 8693 §2.1, §2.2.1: an access token is exchanged for a narrower one for the same subject")
    void requestWhenExchangeWithNarrowerScopeThenNewToken() throws Exception {
        Api.Response r = exchange(exchanger, Map.of("scope", "email", "audience", issuer));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(r.json().get("issued_token_type").asText()).isEqualTo(ACCESS_TOKEN);
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().get("scope").asText()).isEqualTo("email");
        assertThat(r.json().has("refresh_token")).isFalse();
        JsonNode exchanged = introspect(r.json().get("access_token").asText());
        assertThat(exchanged.get("active").asBoolean()).isTrue();
        assertThat(exchanged.get("sub").asText()).isEqualTo(memberId);
        assertThat(exchanged.get("client_id").asText()).isEqualTo(exchanger[0]);
        assertThat(exchanged.get("scope").asText()).isEqualTo("email");
    }

    @Test
    @DisplayName("RFC 8693 §2.1: a scope the subject token does not have is invalid_scope")
    void requestWhenScopeWiderThanSubjectThenInvalidScope() throws Exception {
        assertOAuthError(exchange(exchanger, Map.of("scope", "api:read")), 400, "invalid_scope");
    }

    @Test
    @DisplayName("RFC 8693 §2.2.2: an audience this server cannot issue for is invalid_target")
    void requestWhenForeignAudienceThenInvalidTarget() throws Exception {
        assertOAuthError(exchange(exchanger, Map.of("audience", "https://elsewhere.example")), 400, "invalid_target");
    }

    @Test
    @DisplayName("RFC 8693 §2.2.2: an unknown or refresh subject token is invalid_request")
    void requestWhenSubjectTokenNotAnAccessTokenThenInvalidRequest() throws Exception {
        assertOAuthError(exchange(exchanger, Map.of("subject_token", "not-a-token")), 400, "invalid_request");
        assertOAuthError(exchange(exchanger, Map.of("subject_token", tokens.get("refresh_token").asText())), 400,
                "invalid_request");
        assertOAuthError(exchange(exchanger, Map.of("subject_token_type",
                "urn:ietf:params:oauth:token-type:id_token")), 400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 7009 §2.1 with RFC 8693: revoking the subject's grant revokes the exchanged token too")
    void requestWhenSubjectGrantRevokedThenExchangedTokenInactive() throws Exception {
        String exchanged = exchange(exchanger, Map.of("scope", "profile")).json().get("access_token").asText();
        assertThat(api.postForm("/oauth2/revoke", web[0], web[1],
                Map.of("token", tokens.get("refresh_token").asText())).status()).isEqualTo(200);
        assertThat(introspect(exchanged).get("active").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("RFC 6749 §5.2: a client not registered for token exchange is unauthorized_client")
    void requestWhenClientNotRegisteredThenUnauthorizedClient() throws Exception {
        assertOAuthError(exchange(web, Map.of()), 400, "unauthorized_client");
    }
}
