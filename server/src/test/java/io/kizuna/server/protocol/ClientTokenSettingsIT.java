package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
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
 * Per-client token settings: the JWS algorithm of access tokens (RFC 9068 §2.1; ES256 by default, PS256,
 * RS256, EdDSA) and of ID tokens (OIDC DCR §2 {@code id_token_signed_response_alg}), and token lifetimes,
 * through the admin API and dynamic registration (RFC 7591 §2, RFC 7592).
 */
@KizunaIntegrationTest
class ClientTokenSettingsIT {
    static final String REDIRECT = "https://settings.example.jp/cb";
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

    Api.Response registerApi(Map<String, Object> settings) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "Settings API " + UUID.randomUUID(),
                "grant_types", List.of("client_credentials"), "scope", "api:read"));
        metadata.putAll(settings);
        return api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
    }

    String token(JsonNode client) throws Exception {
        Api.Response r = api.postForm("/oauth2/token", client.get("client_id").asText(),
                client.get("client_secret").asText(), Map.of("grant_type", "client_credentials"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json().get("access_token").asText();
    }

    static long lifetime(JWTClaimsSet claims) {
        return (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
    }

    @Test
    @DisplayName("RFC 9068 §2.1: a client registered with access_token_signing_alg PS256 gets PS256 tokens with its lifetime, verifiable against the JWKS")
    void requestWhenPs256AndLifetimeThenTokenSignedAndTimedAccordingly() throws Exception {
        Api.Response registered = registerApi(Map.of("access_token_signing_alg", "PS256", "access_token_lifetime", 120));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        assertThat(registered.json().get("access_token_signing_alg").asText()).isEqualTo("PS256");
        assertThat(registered.json().get("access_token_lifetime").asLong()).isEqualTo(120);
        assertThat(registered.json().get("id_token_signed_response_alg").asText()).as("default").isEqualTo("ES256");

        Api.Response response = api.postForm("/oauth2/token", registered.json().get("client_id").asText(),
                registered.json().get("client_secret").asText(), Map.of("grant_type", "client_credentials"));
        String token = response.json().get("access_token").asText();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("PS256");
        assertThat(jwt.getHeader().getType().toString()).isEqualTo("at+jwt");
        assertThat(PublishedKeys.verifies(token, PublishedKeys.fetch(api))).isTrue();
        assertThat(lifetime(jwt.getJWTClaimsSet())).isEqualTo(120);
        assertThat(response.json().get("expires_in").asLong()).isBetween(100L, 120L);
    }

    @Test
    @DisplayName("RFC 8037 §3.1: EdDSA (Ed25519) access tokens verify against the published OKP key and introspect as active")
    void requestWhenEdDsaThenEd25519SignedToken() throws Exception {
        Api.Response registered = registerApi(Map.of("access_token_signing_alg", "EdDSA"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String token = token(registered.json());
        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
        assertThat(PublishedKeys.verifies(token, PublishedKeys.fetch(api))).isTrue();
        assertThat(api.postForm("/oauth2/introspect", registered.json().get("client_id").asText(),
                registered.json().get("client_secret").asText(), Map.of("token", token)).json().get("active")
                .asBoolean()).isTrue();
    }

    @Test
    @DisplayName("OIDC DCR §2 id_token_signed_response_alg RS256, id_token_lifetime and refresh_token_lifetime shape the code flow's tokens")
    void requestWhenIdTokenAlgAndLifetimesThenIdTokenRs256AndRefreshLifetime() throws Exception {
        Api.Response registered = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Settings site " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code", "refresh_token"), "scope", "openid email offline_access",
                "id_token_signed_response_alg", "RS256", "id_token_lifetime", 300, "refresh_token_lifetime", 600));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String clientId = registered.json().get("client_id").asText();
        String secret = registered.json().get("client_secret").asText();
        String email = "settings-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Settings Tester");
        CodeFlow.Result flow = CodeFlow.run(issuer, clientId, REDIRECT, email, PASSWORD, "openid email offline_access");
        JsonNode tokens = api.postForm("/oauth2/token", clientId, secret, Map.of("grant_type", "authorization_code",
                "code", flow.code(), "redirect_uri", REDIRECT, "code_verifier", flow.verifier())).json();

        String idToken = tokens.get("id_token").asText();
        SignedJWT id = SignedJWT.parse(idToken);
        assertThat(id.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(PublishedKeys.verifies(idToken, PublishedKeys.fetch(api))).isTrue();
        assertThat(lifetime(id.getJWTClaimsSet())).isEqualTo(300);
        String access = tokens.get("access_token").asText();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(access.getBytes(StandardCharsets.US_ASCII));
        assertThat(id.getJWTClaimsSet().getStringClaim("at_hash"))
                .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)));
        assertThat(SignedJWT.parse(access).getHeader().getAlgorithm().getName()).as("access tokens stay ES256")
                .isEqualTo("ES256");

        JsonNode refresh = api.postForm("/oauth2/introspect", clientId, secret,
                Map.of("token", tokens.get("refresh_token").asText())).json();
        assertThat(refresh.get("exp").asLong() - refresh.get("iat").asLong()).isEqualTo(600);
    }

    @Test
    @DisplayName("RFC 7591 §3.2.2: an unsupported algorithm or a lifetime out of bounds is invalid_client_metadata, and nothing is registered")
    void requestWhenBadSettingsThenInvalidClientMetadata() throws Exception {
        int before = jdbc.queryForObject("SELECT count(*) FROM oauth_client", Integer.class);
        assertOAuthError(registerApi(Map.of("access_token_signing_alg", "none")), 400, "invalid_client_metadata");
        assertOAuthError(registerApi(Map.of("id_token_signed_response_alg", "HS256")), 400, "invalid_client_metadata");
        assertOAuthError(registerApi(Map.of("access_token_lifetime", 10)), 400, "invalid_client_metadata");
        assertOAuthError(registerApi(Map.of("access_token_lifetime", 86_401)), 400, "invalid_client_metadata");
        assertOAuthError(registerApi(Map.of("refresh_token_lifetime", 60)), 400, "invalid_client_metadata");
        assertOAuthError(registerApi(Map.of("id_token_lifetime", 999_999)), 400, "invalid_client_metadata");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oauth_client", Integer.class))
                .as("the registration rolled back with the refused settings").isEqualTo(before);
    }

    @Test
    @DisplayName("RFC 7591 §3.2.1 / RFC 7592 §2.1–2.2: dynamic registration records, returns and replaces the token settings")
    void requestWhenDynamicRegistrationWithSettingsThenRecordedAndReplaced() throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "Dynamic settings " + UUID.randomUUID(),
                "grant_types", List.of("client_credentials"), "scope", "api:read",
                "access_token_signing_alg", "EdDSA", "id_token_signed_response_alg", "PS256", "access_token_lifetime", 300));
        Api.Response registered = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, metadata);
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        assertThat(registered.json().get("access_token_signing_alg").asText()).isEqualTo("EdDSA");
        assertThat(registered.json().get("id_token_signed_response_alg").asText()).isEqualTo("PS256");
        assertThat(registered.json().get("access_token_lifetime").asLong()).isEqualTo(300);
        String clientId = registered.json().get("client_id").asText();
        String management = registered.json().get("registration_access_token").asText();
        assertThat(SignedJWT.parse(token(registered.json())).getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");

        Map<String, Object> update = new HashMap<>(metadata);
        update.put("client_id", clientId);
        update.remove("access_token_signing_alg");
        update.remove("access_token_lifetime");
        Api.Response updated = api.putJson("/oauth2/register/" + clientId, management, update);
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        assertThat(updated.json().get("access_token_signing_alg").asText()).as("omitted → default").isEqualTo("ES256");
        assertThat(updated.json().get("access_token_lifetime").asLong()).isEqualTo(600);
        assertThat(SignedJWT.parse(token(registered.json())).getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype LIKE '%ClientTokenSettingsChanged'", Integer.class, clientId)).isEqualTo(2);

        update.put("access_token_lifetime", "long");
        assertOAuthError(api.putJson("/oauth2/register/" + clientId, management, update), 400, "invalid_client_metadata");
    }

    @Test
    @DisplayName("admin API: PUT /admin/api/clients/{id}/token-settings switches the algorithm of new tokens")
    void requestWhenAdminChangesSettingsThenNewTokensFollow() throws Exception {
        Api.Response registered = registerApi(Map.of());
        String clientId = registered.json().get("client_id").asText();
        assertThat(SignedJWT.parse(token(registered.json())).getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        Api.Response changed = api.putJson("/admin/api/clients/" + clientId + "/token-settings", Api.ADMIN_TOKEN,
                Map.of("access_token_signing_alg", "RS256"));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(changed.json().get("access_token_signing_alg").asText()).isEqualTo("RS256");
        String token = token(registered.json());
        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(PublishedKeys.verifies(token, PublishedKeys.fetch(api))).isTrue();
        assertOAuthError(api.putJson("/admin/api/clients/" + clientId + "/token-settings", Api.ADMIN_TOKEN,
                Map.of("access_token_signing_alg", "XS999")), 400, "invalid_client_metadata");
        assertOAuthError(api.putJson("/admin/api/clients/no-such-client/token-settings", Api.ADMIN_TOKEN,
                Map.of()), 404, "invalid_request");
    }
}
