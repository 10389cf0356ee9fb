package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** Token revocation (RFC 7009) over HTTP, checked through introspection, refresh, UserInfo and the ledger. */
@KizunaIntegrationTest
class RevocationIT {
    static final String REDIRECT = "https://revocation.example.jp/cb";
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String[] client;
    String email;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        client = api.registerWebClient(REDIRECT);
        email = "revoke-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Revocation Tester");
    }

    JsonNode tokens() throws Exception {
        CodeFlow.Result flow = CodeFlow.run(issuer, client[0], REDIRECT, email, PASSWORD, "openid offline_access");
        Api.Response r = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", flow.code(), "redirect_uri", REDIRECT, "code_verifier", flow.verifier()));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }

    Api.Response revoke(String[] as, Map<String, String> form) throws Exception {
        return api.postForm("/oauth2/revoke", as[0], as[1], form);
    }

    boolean active(String token) throws Exception {
        return api.postForm("/oauth2/introspect", client[0], client[1], Map.of("token", token)).json()
                .get("active").asBoolean();
    }

    static void assertRevocationSuccess(Api.Response r) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("no-store");
    }

    /** The events of this test's one grant (each test registers its own client). */
    List<String> grantEvents() {
        String grantId = jdbc.queryForObject("SELECT grant_id FROM token_lookup WHERE client_id = ? LIMIT 1",
                String.class, client[0]);
        return jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber", String.class, grantId).stream()
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }

    @Test
    @DisplayName("RFC 7009 §2.1: revoking an access token makes it inactive at once; the refresh token keeps working")
    void requestWhenAccessTokenRevokedThenInactiveAtOnceAndRefreshStillWorks() throws Exception {
        JsonNode tokens = tokens();
        String access = tokens.get("access_token").asText();
        assertThat(active(access)).isTrue();

        assertRevocationSuccess(revoke(client, Map.of("token", access, "token_type_hint", "access_token")));

        assertThat(active(access)).as("introspection right after revocation").isFalse();
        assertOAuthError(api.get("/userinfo", access), 401, "invalid_token");
        Api.Response refreshed = api.postForm("/oauth2/token", client[0], client[1],
                Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asText()));
        assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
        assertThat(active(refreshed.json().get("access_token").asText())).isTrue();
        assertThat(grantEvents()).contains("AccessTokenRevoked").doesNotContain("GrantRevoked");
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE payloadtype LIKE '%AccessTokenRevoked' AND convert_from(payload, 'UTF8') LIKE ?", String.class, "%" + client[0] + "%"))
                .contains("revoked_by_client");
    }

    @Test
    @DisplayName("RFC 7009 §2.1: revoking the refresh token revokes the grant: refresh refused, access token inactive")
    void requestWhenRefreshTokenRevokedThenGrantRevoked() throws Exception {
        JsonNode tokens = tokens();
        String access = tokens.get("access_token").asText();
        String refresh = tokens.get("refresh_token").asText();

        assertRevocationSuccess(revoke(client, Map.of("token", refresh, "token_type_hint", "refresh_token")));

        assertThat(active(refresh)).isFalse();
        assertThat(active(access)).as("access tokens of the same grant (RFC 7009 §2.1)").isFalse();
        assertOAuthError(api.postForm("/oauth2/token", client[0], client[1],
                Map.of("grant_type", "refresh_token", "refresh_token", refresh)), 400, "invalid_grant");
        assertThat(grantEvents()).endsWith("GrantRevoked");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%GrantRevoked' "
                + "AND convert_from(payload, 'UTF8') LIKE ? AND convert_from(payload, 'UTF8') LIKE '%revoked_by_client%'",
                Long.class, "%" + client[0] + "%")).isEqualTo(1);
    }

    @Test
    @DisplayName("RFC 7009 §2.1: the hint is only a hint — a refresh token sent with token_type_hint=access_token is still found")
    void requestWhenHintIsWrongThenTokenStillRevoked() throws Exception {
        JsonNode tokens = tokens();
        String refresh = tokens.get("refresh_token").asText();
        assertRevocationSuccess(revoke(client, Map.of("token", refresh, "token_type_hint", "access_token")));
        assertThat(active(refresh)).isFalse();
        assertRevocationSuccess(revoke(client, Map.of("token", tokens.get("access_token").asText(),
                "token_type_hint", "something_else")));
    }

    @Test
    @DisplayName("RFC 7009 §2.2: an unknown token and an already revoked token are answered with 200, recording nothing more")
    void requestWhenUnknownOrAlreadyRevokedThenOk() throws Exception {
        assertRevocationSuccess(revoke(client, Map.of("token", "never-issued")));
        String access = tokens().get("access_token").asText();
        assertRevocationSuccess(revoke(client, Map.of("token", access)));
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        assertRevocationSuccess(revoke(client, Map.of("token", access)));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class)).isEqualTo(events);
    }

    @Test
    @DisplayName("RFC 7009 §2.1: a token issued to another client is refused (unauthorized_client) and stays active")
    void requestWhenTokenOfAnotherClientThenRefusedAndNotRevoked() throws Exception {
        String access = tokens().get("access_token").asText();
        String[] other = api.registerApiClient();
        assertOAuthError(revoke(other, Map.of("token", access)), 400, "unauthorized_client");
        assertThat(active(access)).isTrue();
    }

    @Test
    @DisplayName("RFC 7009 §2.1: the client must authenticate as at the token endpoint")
    void requestWhenClientNotAuthenticatedThenInvalidClient() throws Exception {
        String access = tokens().get("access_token").asText();
        Api.Response r = revoke(new String[] {client[0], "wrong-secret"}, Map.of("token", access));
        assertOAuthError(r, 401, "invalid_client");
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
        assertOAuthError(api.postForm("/oauth2/revoke", null, null, Map.of("token", access)), 401, "invalid_client");
        assertThat(active(access)).isTrue();
    }

    @Test
    @DisplayName("RFC 7009 §2.1: the token parameter is required (invalid_request)")
    void requestWhenTokenMissingThenInvalidRequest() throws Exception {
        assertOAuthError(revoke(client, Map.of("token_type_hint", "access_token")), 400, "invalid_request");
    }

    @Test
    @DisplayName("RFC 7009 §2.1, §5: a public client revokes its refresh token with its client_id alone")
    void requestWhenPublicClientRevokesThenGrantRevoked() throws Exception {
        Api.Response registered = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Public app " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code", "refresh_token"), "token_endpoint_auth_method", "none",
                "scope", "openid offline_access"));
        String publicClient = registered.json().get("client_id").asText();
        CodeFlow.Result flow = CodeFlow.run(issuer, publicClient, REDIRECT, email, PASSWORD, "openid offline_access");
        JsonNode tokens = api.postForm("/oauth2/token", null, null, Map.of("grant_type", "authorization_code",
                "client_id", publicClient, "code", flow.code(), "redirect_uri", REDIRECT,
                "code_verifier", flow.verifier())).json();
        String refresh = tokens.get("refresh_token").asText();

        assertRevocationSuccess(api.postForm("/oauth2/revoke", null, null,
                Map.of("client_id", publicClient, "token", refresh)));

        assertThat(active(tokens.get("access_token").asText())).isFalse();
        assertOAuthError(api.postForm("/oauth2/token", null, null, Map.of("grant_type", "refresh_token",
                "client_id", publicClient, "refresh_token", refresh)), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 7009 §2.1: a client-credentials access token is revoked alone")
    void requestWhenClientCredentialsTokenRevokedThenInactive() throws Exception {
        String[] apiClient = api.registerApiClient();
        String access = api.postForm("/oauth2/token", apiClient[0], apiClient[1],
                Map.of("grant_type", "client_credentials")).json().get("access_token").asText();
        assertRevocationSuccess(revoke(apiClient, Map.of("token", access)));
        assertThat(api.postForm("/oauth2/introspect", apiClient[0], apiClient[1], Map.of("token", access)).json()
                .get("active").asBoolean()).isFalse();
    }
}
