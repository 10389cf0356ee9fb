package io.kizuna.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bad input to every endpoint gets the spec's error, never a 500, and the ledger stays consistent. */
@KizunaIntegrationTest
class ProtocolErrorsIT {
    static final String REDIRECT = "https://errors.example.jp/cb";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
    }

    static void assertOAuthError(Api.Response r, int status, String error) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isEqualTo(error);
        assertThat(r.json().get("error_description").asText()).isNotBlank();
        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(r.raw().body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Nested
    @DisplayName("Token endpoint (RFC 6749 §3.2, §5.2)")
    class TokenEndpoint {
        String[] client;

        @BeforeEach
        void client() throws Exception {
            client = api.registerApiClient();
        }

        @Test
        @DisplayName("RFC 6749 §3.2: a JSON body is refused with invalid_request")
        void requestWhenJsonBodyThenInvalidRequest() throws Exception {
            Api.Response r = api.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                    .header("Content-Type", "application/json").header("Authorization", Api.basic(client[0], client[1]))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\"}")).build());
            assertOAuthError(r, 400, "invalid_request");
        }

        @Test
        @DisplayName("RFC 6749 §3.1: a repeated parameter is refused with invalid_request")
        void requestWhenParameterRepeatedThenInvalidRequest() throws Exception {
            Api.Response r = api.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", Api.basic(client[0], client[1]))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&grant_type=password"))
                    .build());
            assertOAuthError(r, 400, "invalid_request");
        }

        @Test
        @DisplayName("RFC 6749 §5.2: an unknown grant_type is unsupported_grant_type")
        void requestWhenUnknownGrantTypeThenUnsupportedGrantType() throws Exception {
            assertOAuthError(api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type", "password",
                    "username", "a", "password", "b")), 400, "unsupported_grant_type");
        }

        @Test
        @DisplayName("RFC 6749 §5.2: a wrong secret is invalid_client with a Basic challenge (401)")
        void requestWhenWrongSecretThenInvalidClient() throws Exception {
            Api.Response r = api.postForm("/oauth2/token", client[0], "wrong", Map.of("grant_type", "client_credentials"));
            assertOAuthError(r, 401, "invalid_client");
            assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
        }

        @Test
        @DisplayName("RFC 6749 §2.3: no client authentication at all is invalid_client")
        void requestWhenNoClientAuthenticationThenInvalidClient() throws Exception {
            assertOAuthError(api.postForm("/oauth2/token", null, null, Map.of("grant_type", "client_credentials")),
                    401, "invalid_client");
        }

        @Test
        @DisplayName("RFC 6749 §2.3.1: malformed Basic credentials are invalid_client, not a 500")
        void requestWhenMalformedBasicThenInvalidClient() throws Exception {
            Api.Response r = api.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic %%%not-base64")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
            assertOAuthError(r, 401, "invalid_client");
        }

        @Test
        @DisplayName("an oversized parameter is refused with invalid_request")
        void requestWhenHugeParameterThenInvalidRequest() throws Exception {
            assertOAuthError(api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                    "client_credentials", "scope", "a".repeat(5000))), 400, "invalid_request");
        }

        @Test
        @DisplayName("RFC 6749 §5.2: an unknown code is invalid_grant")
        void requestWhenUnknownCodeThenInvalidGrant() throws Exception {
            String[] web = api.registerWebClient(REDIRECT);
            assertOAuthError(api.postForm("/oauth2/token", web[0], web[1], Map.of("grant_type", "authorization_code",
                    "code", "nope", "redirect_uri", REDIRECT, "code_verifier", Pkce.generate().verifier())),
                    400, "invalid_grant");
        }

        @Test
        @DisplayName("RFC 6749 §5.2: a grant type the client is not registered for is unauthorized_client")
        void requestWhenGrantNotAllowedThenUnauthorizedClient() throws Exception {
            String[] web = api.registerWebClient(REDIRECT);
            assertOAuthError(api.postForm("/oauth2/token", web[0], web[1], Map.of("grant_type", "client_credentials")),
                    400, "unauthorized_client");
        }

        @Test
        @DisplayName("RFC 6749 §3.3: a scope beyond the client's is invalid_scope")
        void requestWhenScopeNotAllowedThenInvalidScope() throws Exception {
            assertOAuthError(api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                    "client_credentials", "scope", "admin:all")), 400, "invalid_scope");
        }

        @Test
        @DisplayName("GET on the token endpoint is refused with a JSON error, not a stack trace")
        void requestWhenGetThenMethodNotAllowed() throws Exception {
            Api.Response r = api.get("/oauth2/token", null);
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.json().get("error").asText()).isEqualTo("invalid_request");
        }

        @Test
        @DisplayName("RFC 6749 §4.4: client credentials token, introspectable at once, one ledger event")
        void requestWhenClientCredentialsThenTokenIsIntrospectableAtOnce() throws Exception {
            long before = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
            Api.Response token = api.postForm("/oauth2/token", client[0], client[1],
                    Map.of("grant_type", "client_credentials", "scope", "api:read"));
            assertThat(token.status()).isEqualTo(200);
            assertThat(token.header("Cache-Control")).contains("no-store");
            assertThat(token.json().has("refresh_token")).isFalse();
            assertThat(token.json().get("scope").asText()).isEqualTo("api:read");
            Api.Response introspection = api.postForm("/oauth2/introspect", client[0], client[1],
                    Map.of("token", token.json().get("access_token").asText()));
            assertThat(introspection.json().get("active").asBoolean()).isTrue();
            assertThat(introspection.json().get("sub").asText()).isEqualTo(client[0]);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class))
                    .isGreaterThanOrEqualTo(before + 1);
            assertThat(jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?",
                    String.class, "%" + client[0] + "%")).anyMatch(t -> t.endsWith("AccessTokenIssued"));
        }
    }

    @Nested
    @DisplayName("Authorization code (RFC 6749 §4.1, RFC 7636, RFC 9700)")
    class AuthorizationCode {
        String[] client;
        String email;

        @BeforeEach
        void member() throws Exception {
            client = api.registerWebClient(REDIRECT);
            email = "errors-" + UUID.randomUUID() + "@example.jp";
            api.registerMember(email, "a long enough password", "Error Tester");
        }

        @Test
        @DisplayName("RFC 6749 §4.1.2 / RFC 9700 §4.5: a replayed code is refused and revokes the tokens issued for it")
        void requestWhenCodeReplayedThenGrantRevoked() throws Exception {
            CodeFlow.Result flow = CodeFlow.run(issuer, client[0], REDIRECT, email, "a long enough password", "openid");
            Map<String, String> form = Map.of("grant_type", "authorization_code", "code", flow.code(),
                    "redirect_uri", REDIRECT, "code_verifier", flow.verifier());
            Api.Response first = api.postForm("/oauth2/token", client[0], client[1], form);
            assertThat(first.status()).isEqualTo(200);
            String access = first.json().get("access_token").asText();
            assertThat(introspect(access)).isTrue();

            assertOAuthError(api.postForm("/oauth2/token", client[0], client[1], form), 400, "invalid_grant");
            assertThat(introspect(access)).as("tokens of a replayed code are revoked").isFalse();
            assertOAuthError(api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type", "refresh_token",
                    "refresh_token", first.json().get("refresh_token").asText())), 400, "invalid_grant");
        }

        @Test
        @DisplayName("RFC 7636 §4.6: a wrong code_verifier is invalid_grant and the code stays unredeemed")
        void requestWhenWrongVerifierThenInvalidGrant() throws Exception {
            CodeFlow.Result flow = CodeFlow.run(issuer, client[0], REDIRECT, email, "a long enough password", "openid");
            assertOAuthError(api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                    "authorization_code", "code", flow.code(), "redirect_uri", REDIRECT,
                    "code_verifier", Pkce.generate().verifier())), 400, "invalid_grant");
            Api.Response retry = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                    "authorization_code", "code", flow.code(), "redirect_uri", REDIRECT, "code_verifier", flow.verifier()));
            assertThat(retry.status()).isEqualTo(200);
        }

        @Test
        @DisplayName("RFC 9700 §4.14.2: reuse of a rotated refresh token revokes the grant")
        void requestWhenRefreshTokenReusedThenGrantRevoked() throws Exception {
            CodeFlow.Result flow = CodeFlow.run(issuer, client[0], REDIRECT, email, "a long enough password", "openid");
            Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                    "authorization_code", "code", flow.code(), "redirect_uri", REDIRECT, "code_verifier", flow.verifier()));
            String refresh1 = tokens.json().get("refresh_token").asText();
            Api.Response rotated = api.postForm("/oauth2/token", client[0], client[1],
                    Map.of("grant_type", "refresh_token", "refresh_token", refresh1));
            assertThat(rotated.status()).isEqualTo(200);
            String access2 = rotated.json().get("access_token").asText();
            String refresh2 = rotated.json().get("refresh_token").asText();
            assertOAuthError(api.postForm("/oauth2/token", client[0], client[1],
                    Map.of("grant_type", "refresh_token", "refresh_token", refresh1)), 400, "invalid_grant");
            assertThat(introspect(access2)).isFalse();
            assertOAuthError(api.postForm("/oauth2/token", client[0], client[1],
                    Map.of("grant_type", "refresh_token", "refresh_token", refresh2)), 400, "invalid_grant");
        }

        @Test
        @DisplayName("RFC 6749 §4.1.2.1: an unknown client is shown an error page, never redirected")
        void requestWhenUnknownClientThenErrorPageWithoutRedirect() throws Exception {
            HttpResponse<String> r = new Browser(issuer).get("/oauth2/authorize?response_type=code&client_id=nope"
                    + "&redirect_uri=" + URLEncoder.encode("https://evil.example/cb", StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("Location")).isEmpty();
        }

        @Test
        @DisplayName("RFC 9700 §4.1: a redirect_uri that is not registered exactly is never redirected to")
        void requestWhenRedirectUriDiffersThenErrorPageWithoutRedirect() throws Exception {
            HttpResponse<String> r = new Browser(issuer).get("/oauth2/authorize?response_type=code&client_id="
                    + client[0] + "&redirect_uri=" + URLEncoder.encode(REDIRECT + "/../evil", StandardCharsets.UTF_8)
                    + "&scope=openid&code_challenge=" + Pkce.generate().challenge() + "&code_challenge_method=S256");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("Location")).isEmpty();
        }

        @Test
        @DisplayName("RFC 7636 §4.2: code_challenge_method=plain is refused back to the client with iss and state")
        void requestWhenPlainPkceThenInvalidRequestRedirect() throws Exception {
            HttpResponse<String> r = new Browser(issuer).get("/oauth2/authorize?response_type=code&client_id="
                    + client[0] + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                    + "&scope=openid&state=xyz&code_challenge=" + "a".repeat(43) + "&code_challenge_method=plain");
            assertThat(r.statusCode()).isEqualTo(302);
            Map<String, String> q = Browser.queryOf(r.headers().firstValue("Location").orElseThrow());
            assertThat(q).containsEntry("error", "invalid_request").containsEntry("state", "xyz")
                    .containsEntry("iss", issuer);
        }

        @Test
        @DisplayName("RFC 7636 §4.4.1: a missing code_challenge is refused; RFC 6749 §4.1.2.1: its error_description is"
                + " printable ASCII without quote or backslash")
        void requestWhenNoPkceThenInvalidRequestRedirect() throws Exception {
            HttpResponse<String> r = new Browser(issuer).get("/oauth2/authorize?response_type=code&client_id="
                    + client[0] + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid");
            Map<String, String> q = Browser.queryOf(r.headers().firstValue("Location").orElseThrow());
            assertThat(q).containsEntry("error", "invalid_request");
            assertThat(q.get("error_description")).contains("RFC 7636 section 4.4.1")
                    .matches("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+");
        }

        @Test
        @DisplayName("RFC 9101 §6.2, OIDC Core §6.1: an unsigned request object is invalid_request_object; a request_uri"
                + " that is neither pushed (RFC 9126 §4) nor registered (OIDC Core §6.2) is invalid_request_uri, back to the client")
        void requestWhenUnsignedRequestObjectOrForeignRequestUriThenRefused() throws Exception {
            String base = "/oauth2/authorize?response_type=code&client_id=" + client[0] + "&redirect_uri="
                    + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=ro&code_challenge="
                    + Pkce.generate().challenge() + "&code_challenge_method=S256";
            assertThat(Browser.queryOf(new Browser(issuer).get(base + "&request=eyJhbGciOiJub25lIn0.e30.")
                    .headers().firstValue("Location").orElseThrow()))
                    .containsEntry("error", "invalid_request_object").containsEntry("state", "ro");
            assertThat(Browser.queryOf(new Browser(issuer).get(base + "&request_uri="
                    + URLEncoder.encode("https://rp.example.jp/r/1", StandardCharsets.UTF_8))
                    .headers().firstValue("Location").orElseThrow()))
                    .containsEntry("error", "invalid_request_uri");
        }

        @Test
        @DisplayName("RFC 6749 §4.1.2.1: a response_type not offered (none, or an unknown value) is unsupported_response_type;"
                + " a hybrid type from a client without implicit is unauthorized_client in the fragment (OIDC DCR §2; see OidcResponseTypesIT)")
        void requestWhenUnofferedResponseTypeThenUnsupportedResponseType() throws Exception {
            String base = "&client_id=" + client[0] + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                    + "&scope=openid&nonce=n";
            for (String type : new String[] {"none", "code%20none", "code%20code"}) {
                HttpResponse<String> r = new Browser(issuer).get("/oauth2/authorize?response_type=" + type + base);
                assertThat(Browser.queryOf(r.headers().firstValue("Location").orElseThrow()))
                        .as(type).containsEntry("error", "unsupported_response_type");
            }
            HttpResponse<String> hybrid = new Browser(issuer).get("/oauth2/authorize?response_type=code%20token" + base);
            assertThat(FrontChannel.fragmentOf(hybrid.headers().firstValue("Location").orElseThrow()))
                    .containsEntry("error", "unauthorized_client");
        }

        boolean introspect(String token) throws Exception {
            return api.postForm("/oauth2/introspect", client[0], client[1], Map.of("token", token)).json()
                    .get("active").asBoolean();
        }
    }

    @Nested
    @DisplayName("UserInfo as a protected resource (RFC 6750 §3)")
    class UserInfo {
        @Test
        @DisplayName("RFC 6750 §3.1: no token → 401 with a bare Bearer challenge")
        void requestWhenNoTokenThenBareChallenge() throws Exception {
            Api.Response r = api.get("/userinfo", null);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"kizuna\"");
        }

        @Test
        @DisplayName("RFC 6750 §3.1: a malformed token → 401 invalid_token")
        void requestWhenMalformedTokenThenInvalidToken() throws Exception {
            Api.Response r = api.get("/userinfo", "not.a.jwt");
            assertOAuthError(r, 401, "invalid_token");
            assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        }

        @Test
        @DisplayName("RFC 6750 §3.1: a token signed by another key → 401 invalid_token")
        void requestWhenForgedTokenThenInvalidToken() throws Exception {
            ECKey other = new ECKeyGenerator(Curve.P_256).keyID("forged").generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("forged").build(),
                    new JWTClaimsSet.Builder().issuer(issuer).subject("someone").expirationTime(
                            new Date(System.currentTimeMillis() + 60_000)).claim("scope", "openid").build());
            jwt.sign(new ECDSASigner(other));
            assertOAuthError(api.get("/userinfo", jwt.serialize()), 401, "invalid_token");
        }

        @Test
        @DisplayName("RFC 6750 §2.3: a token in the query string is refused")
        void requestWhenTokenInQueryThenInvalidRequest() throws Exception {
            assertOAuthError(api.get("/userinfo?access_token=abc", null), 400, "invalid_request");
        }

        @Test
        @DisplayName("RFC 6750 §3.1: a client-credentials token (no member, no openid) → 403 insufficient_scope")
        void requestWhenClientTokenThenInsufficientScope() throws Exception {
            String[] client = api.registerApiClient();
            String token = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                    "client_credentials")).json().get("access_token").asText();
            assertOAuthError(api.get("/userinfo", token), 403, "insufficient_scope");
        }
    }

    @Nested
    @DisplayName("Introspection (RFC 7662 §2)")
    class Introspection {
        @Test
        @DisplayName("RFC 7662 §2.1: the caller must authenticate")
        void requestWhenUnauthenticatedThenInvalidClient() throws Exception {
            assertOAuthError(api.postForm("/oauth2/introspect", null, null, Map.of("token", "x")), 401, "invalid_client");
        }

        @Test
        @DisplayName("RFC 7662 §2.2: an unknown token is simply inactive")
        void requestWhenUnknownTokenThenInactive() throws Exception {
            String[] client = api.registerApiClient();
            Api.Response r = api.postForm("/oauth2/introspect", client[0], client[1], Map.of("token", "unknown"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("active").asBoolean()).isFalse();
            assertThat(r.json().size()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("Registration")
    class Registration {
        @Test
        @DisplayName("a duplicated registration is refused and leaves exactly one member in the ledger")
        void requestWhenEmailTakenThenRefusedAndLedgerUnchanged() throws Exception {
            String email = "dup-" + UUID.randomUUID() + "@example.jp";
            api.registerMember(email, "a long enough password", "First");
            long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
            long keys = jdbc.queryForObject("SELECT count(*) FROM member_data_key", Long.class);
            Api.Response r = api.postJson("/api/members", null, Map.of("email", email.toUpperCase(),
                    "password", "another long password", "name", "Second"));
            assertOAuthError(r, 400, "login_taken");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class)).isEqualTo(events);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM member_data_key", Long.class)).isEqualTo(keys);
        }

        @Test
        void requestWhenPasswordTooShortThenWeakPassword() throws Exception {
            assertOAuthError(api.postJson("/api/members", null, Map.of("email", "short@example.jp",
                    "password", "short", "name", "S")), 400, "weak_password");
        }

        @Test
        void requestWhenBodyIsNotJsonThenInvalidRequest() throws Exception {
            Api.Response r = api.send(HttpRequest.newBuilder(URI.create(issuer + "/api/members"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{not json"))
                    .build());
            assertOAuthError(r, 400, "invalid_request");
        }

        @Test
        @DisplayName("no e-mail or password appears in plaintext in the ledger")
        void requestWhenRegisteredThenNoPlaintextPersonalDataInLedger() throws Exception {
            String email = "secret-" + UUID.randomUUID() + "@example.jp";
            String memberId = api.registerMember(email, "my very secret password", "Hidden Name");
            String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                    + "WHERE aggregateidentifier = ? AND sequencenumber = 0", String.class, memberId);
            assertThat(payload).doesNotContain(email).doesNotContain("Hidden Name")
                    .doesNotContain("my very secret password").contains("$argon2id$");
        }

        @Test
        void requestWhenAdminTokenMissingThenUnauthorized() throws Exception {
            Api.Response r = api.postJson("/admin/api/clients", null, Map.of("client_name", "x"));
            assertOAuthError(r, 401, "invalid_token");
        }
    }
}
