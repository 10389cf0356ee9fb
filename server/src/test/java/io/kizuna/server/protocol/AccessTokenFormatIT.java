package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Access tokens per client: RFC 9068 JWTs by default, opaque 256-bit values on request. */
@KizunaIntegrationTest
class AccessTokenFormatIT {
    static final String REDIRECT = "https://opaque.example.jp/cb";
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
    }

    String[] register(Map<String, Object> metadata) throws Exception {
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new String[] {r.json().get("client_id").asText(), r.json().get("client_secret").asText(),
                r.json().get("access_token_format").asText()};
    }

    static void assertOpaque(String token) {
        assertThat(token).doesNotContain(".");
        assertThat(Base64.getUrlDecoder().decode(token)).as("256 random bits").hasSize(32);
    }

    @Test
    @DisplayName("RFC 9068 §2: without a choice, a client's access tokens are at+jwt JWTs")
    void requestWhenFormatNotChosenThenJwtAccessToken() throws Exception {
        String[] client = register(Map.of("client_name", "JWT API " + UUID.randomUUID(),
                "grant_types", List.of("client_credentials"), "scope", "api:read"));
        assertThat(client[2]).isEqualTo("jwt");
        String token = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type", "client_credentials"))
                .json().get("access_token").asText();
        assertThat(SignedJWT.parse(token).getHeader().getType().toString()).isEqualTo("at+jwt");
    }

    @Test
    @DisplayName("RFC 6749 §1.4 / RFC 7662 §2.2: an opaque client-credentials token is introspectable and revocable")
    void requestWhenOpaqueClientCredentialsThenIntrospectableAndRevocable() throws Exception {
        String[] client = register(Map.of("client_name", "Opaque API " + UUID.randomUUID(),
                "grant_types", List.of("client_credentials"), "scope", "api:read", "access_token_format", "opaque"));
        assertThat(client[2]).isEqualTo("opaque");
        Api.Response token = api.postForm("/oauth2/token", client[0], client[1],
                Map.of("grant_type", "client_credentials"));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("token_type").asText()).isEqualTo("Bearer");
        String access = token.json().get("access_token").asText();
        assertOpaque(access);

        JsonNode introspection = api.postForm("/oauth2/introspect", client[0], client[1], Map.of("token", access))
                .json();
        assertThat(introspection.get("active").asBoolean()).isTrue();
        assertThat(introspection.get("client_id").asText()).isEqualTo(client[0]);
        assertThat(introspection.get("scope").asText()).isEqualTo("api:read");
        assertThat(introspection.get("jti").asText()).isNotBlank();

        assertThat(api.postForm("/oauth2/revoke", client[0], client[1], Map.of("token", access)).status())
                .isEqualTo(200);
        assertThat(api.postForm("/oauth2/introspect", client[0], client[1], Map.of("token", access)).json()
                .get("active").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("OIDC Core §5.3 / RFC 6750 §2.1: UserInfo accepts an opaque access token by lookup, and refuses it once revoked")
    void requestWhenOpaqueTokenAtUserInfoThenClaimsUntilRevoked() throws Exception {
        String[] client = register(Map.of("client_name", "Opaque site " + UUID.randomUUID(),
                "redirect_uris", List.of(REDIRECT), "grant_types", List.of("authorization_code", "refresh_token"),
                "scope", "openid email offline_access", "access_token_format", "opaque"));
        String email = "opaque-" + UUID.randomUUID() + "@example.jp";
        String memberId = api.registerMember(email, PASSWORD, "Opaque Tester");
        CodeFlow.Result flow = CodeFlow.run(issuer, client[0], REDIRECT, email, PASSWORD, "openid email");
        JsonNode tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", flow.code(), "redirect_uri", REDIRECT, "code_verifier", flow.verifier()))
                .json();
        String access = tokens.get("access_token").asText();
        assertOpaque(access);
        assertThat(SignedJWT.parse(tokens.get("id_token").asText()).getJWTClaimsSet().getStringClaim("at_hash"))
                .as("the ID token still binds the opaque access token").isNotBlank();

        Api.Response userinfo = api.get("/userinfo", access);
        assertThat(userinfo.status()).as(userinfo.raw().body()).isEqualTo(200);
        assertThat(userinfo.json().get("sub").asText()).isEqualTo(memberId);
        assertThat(userinfo.json().get("email").asText()).isEqualTo(email);

        Api.Response refreshed = api.postForm("/oauth2/token", client[0], client[1],
                Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asText()));
        assertOpaque(refreshed.json().get("access_token").asText());

        api.postForm("/oauth2/revoke", client[0], client[1], Map.of("token", access));
        assertOAuthError(api.get("/userinfo", access), 401, "invalid_token");
        assertOAuthError(api.get("/userinfo", access.substring(1) + "A"), 401, "invalid_token");
    }

    @Test
    @DisplayName("RFC 7591 §3.2.2: an unknown access_token_format is invalid_client_metadata")
    void requestWhenUnknownFormatThenInvalidClientMetadata() throws Exception {
        assertOAuthError(api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of("client_name", "x",
                "grant_types", List.of("client_credentials"), "access_token_format", "paseto")),
                400, "invalid_client_metadata");
    }
}
