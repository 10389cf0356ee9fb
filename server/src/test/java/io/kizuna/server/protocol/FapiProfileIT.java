package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Per-client FAPI profiles: FAPI 2.0 Security Profile, FAPI 2.0 Message Signing and FAPI 1.0 Advanced each
 * switch on, for one client, the authorization-server rules they require.
 */
@KizunaIntegrationTest
class FapiProfileIT {
    static final String REDIRECT = "https://bank-app.example.jp/cb";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    ECKey key;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        key = new ECKeyGenerator(Curve.P_256).keyID("fapi-1").generate();
    }

    Api.Response register(String profile, String authMethod) throws Exception {
        return register(profile, authMethod, Map.of());
    }

    Api.Response register(String profile, String authMethod, Map<String, Object> extra) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "FAPI client " + UUID.randomUUID(),
                "redirect_uris", List.of(REDIRECT), "grant_types", List.of("authorization_code"),
                "scope", "openid profile", "token_endpoint_auth_method", authMethod, "client_profile", profile));
        if (authMethod.equals("private_key_jwt")) {
            metadata.put("jwks", new JWKSet(key).toJSONObject(true));
        }
        metadata.putAll(extra);
        return api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
    }

    String client(String profile) throws Exception {
        Api.Response r = register(profile, "private_key_jwt");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        assertThat(r.json().get("client_profile").asText()).isEqualTo(profile);
        return r.json().get("client_id").asText();
    }

    String assertion(String clientId) throws Exception {
        return ClientAssertionIT.sign(new ECDSASigner(key), JWSAlgorithm.ES256, key.getKeyID(),
                new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(issuer)
                        .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                        .jwtID(UUID.randomUUID().toString()).build());
    }

    Map<String, String> request(String clientId) {
        return new HashMap<>(Map.of("client_id", clientId, "response_type", "code", "redirect_uri", REDIRECT,
                "scope", "openid", "state", "s-" + UUID.randomUUID(), "nonce", "n-1",
                "code_challenge", Pkce.generate().challenge(), "code_challenge_method", "S256"));
    }

    String requestObject(String clientId, java.util.function.UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(clientId).audience(issuer);
        request(clientId).forEach(claims::claim);
        long now = System.currentTimeMillis();
        claims.notBeforeTime(new Date(now)).expirationTime(new Date(now + 300_000));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(new JOSEObjectType("oauth-authz-req+jwt")).build(), change.apply(claims).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    Api.Response push(String clientId, Map<String, String> parameters) throws Exception {
        Map<String, String> form = new HashMap<>(parameters);
        form.put("client_id", clientId);
        form.put("client_assertion_type", ClientAssertionIT.JWT_BEARER);
        form.put("client_assertion", assertion(clientId));
        return api.postForm("/oauth2/par", null, null, form);
    }

    static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElseThrow();
    }

    HttpResponse<String> authorizeWithRequestUri(String clientId, String requestUri) throws Exception {
        return new Browser(issuer).get("/oauth2/authorize?client_id=" + clientId + "&request_uri="
                + URLEncoder.encode(requestUri, StandardCharsets.UTF_8));
    }

    @Nested
    @DisplayName("Registration: what a FAPI client must already be")
    class Registration {
        @Test
        @DisplayName("FAPI 2.0 SP §5.3.2.1: a client_secret_basic client is refused a FAPI profile, and nothing of it is"
                + " registered")
        void registerWhenSecretClientThenInvalidClientMetadataAndNoClient() throws Exception {
            String name = "Refused FAPI " + UUID.randomUUID();
            Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of("client_name", name,
                    "redirect_uris", List.of(REDIRECT), "grant_types", List.of("authorization_code"), "scope", "openid",
                    "client_profile", "fapi2-security"));
            assertOAuthError(r, 400, "invalid_client_metadata");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM oauth_client WHERE name = ?", Integer.class, name))
                    .isZero();
        }

        @Test
        @DisplayName("OIDC DCR §2, FAPI 2.0 SP §5.4.1: a dynamically registered FAPI client gets ES256 ID tokens, not"
                + " the RS256 default; an unknown profile is invalid_client_metadata")
        void registerDynamicallyWhenFapiThenNoRs256() throws Exception {
            Api.Response r = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                    "client_name", "DCR FAPI " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT),
                    "grant_types", List.of("authorization_code"), "scope", "openid",
                    "token_endpoint_auth_method", "private_key_jwt", "jwks", new JWKSet(key).toJSONObject(true),
                    "client_profile", "fapi2-security"));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            assertThat(r.json().get("id_token_signed_response_alg").asText()).isEqualTo("ES256");
            assertThat(r.json().get("client_profile").asText()).isEqualTo("fapi2-security");
            assertOAuthError(api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                    "client_name", "DCR bad", "redirect_uris", List.of(REDIRECT), "grant_types",
                    List.of("authorization_code"), "scope", "openid", "token_endpoint_auth_method", "private_key_jwt",
                    "jwks", new JWKSet(key).toJSONObject(true), "client_profile", "fapi9")), 400,
                    "invalid_client_metadata");
        }
    }

    @Nested
    @DisplayName("FAPI 2.0 Security Profile §5.3.2.2")
    class Fapi2Security {
        @Test
        @DisplayName("FAPI 2.0 SP §5.3.2.2, RFC 9126 §5: a request sent directly is refused; the same request pushed"
                + " goes on to sign-in")
        void authorizeWhenNotPushedThenInvalidRequest() throws Exception {
            String clientId = client("fapi2-security");
            StringBuilder direct = new StringBuilder("/oauth2/authorize?");
            request(clientId).forEach((k, v) -> direct.append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
            assertThat(Browser.queryOf(location(new Browser(issuer).get(direct.toString()))))
                    .containsEntry("error", "invalid_request");
            Api.Response pushed = push(clientId, request(clientId));
            assertThat(pushed.status()).as(pushed.raw().body()).isEqualTo(201);
            assertThat(location(authorizeWithRequestUri(clientId, pushed.json().get("request_uri").asText())))
                    .contains("/signin?request=");
        }

        @Test
        @DisplayName("FAPI 2.0 SP §5.3.2.2: response_type other than code, or no redirect_uri, is refused at the PAR"
                + " endpoint already")
        void pushWhenHybridOrNoRedirectUriThenRefused() throws Exception {
            String clientId = client("fapi2-security");
            Map<String, String> hybrid = request(clientId);
            hybrid.put("response_type", "code id_token");
            assertOAuthError(push(clientId, hybrid), 400, "unsupported_response_type");
            Map<String, String> noRedirect = request(clientId);
            noRedirect.remove("redirect_uri");
            assertOAuthError(push(clientId, noRedirect), 400, "invalid_request");
        }
    }

    @Nested
    @DisplayName("FAPI 2.0 Security Profile §5.3.2.1")
    class SenderConstrainedTokens {
        @Test
        @DisplayName("FAPI 2.0 SP §5.3.2.1: a token request with neither a DPoP proof nor a client certificate is"
                + " invalid_request; with a proof the token is DPoP-bound (RFC 9449 §5), with a certificate"
                + " certificate-bound (RFC 8705 §3)")
        void tokenWhenNoDpopProofThenInvalidRequest() throws Exception {
            Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                    "client_name", "FAPI API client " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT),
                    "grant_types", List.of("authorization_code", "client_credentials"), "scope", "openid api:read",
                    "token_endpoint_auth_method", "private_key_jwt", "jwks", new JWKSet(key).toJSONObject(true),
                    "client_profile", "fapi2-security"));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            String clientId = r.json().get("client_id").asText();
            Map<String, String> form = new HashMap<>(Map.of("grant_type", "client_credentials", "scope", "api:read",
                    "client_assertion_type", ClientAssertionIT.JWT_BEARER, "client_assertion", assertion(clientId)));
            assertOAuthError(api.postForm("/oauth2/token", null, null, form), 400, "invalid_request");

            DPoPIT.DPoPKey dpop = DPoPIT.DPoPKey.generate();
            form.put("client_assertion", assertion(clientId));
            Api.Response bound = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuer + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("DPoP", dpop.proof("POST", issuer + "/oauth2/token", c -> { }))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Browser.encode(form))).build());
            assertThat(bound.status()).as(bound.raw().body()).isEqualTo(200);
            assertThat(bound.json().get("token_type").asText()).isEqualTo("DPoP");

            // RFC 8705 §3: a client certificate instead of a proof sender-constrains the token too
            form.put("client_assertion", assertion(clientId));
            Api.Response mtls = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuer + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-SSL-Client-Cert", URLEncoder.encode(MutualTlsClientAuthenticationIT.pem("client-a"),
                            StandardCharsets.UTF_8))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Browser.encode(form))).build());
            assertThat(mtls.status()).as(mtls.raw().body()).isEqualTo(200);
            assertThat(mtls.json().get("token_type").asText()).isEqualTo("Bearer");
            assertThat(SignedJWT.parse(mtls.json().get("access_token").asText()).getJWTClaimsSet()
                    .getJSONObjectClaim("cnf")).containsEntry("x5t#S256", CertificateBoundTokensIT.x5t(
                            MutualTlsClientAuthenticationIT.certificate("client-a")));
        }
    }

    @Nested
    @DisplayName("FAPI 1.0 Advanced §5.2.2 items 5–6: MTLS sender-constrained tokens")
    class CertificateBoundTokens {
        @Test
        @DisplayName("FAPI 1.0 Advanced §5.2.2 item 5, RFC 8705 §3: a token request without a client certificate is"
                + " invalid_request, though a DPoP proof came along; with one the token is certificate-bound")
        void fapi1_5_2_2_5_tokenWithoutCertificateIsInvalidRequest() throws Exception {
            Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                    "client_name", "FAPI 1 API client " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT),
                    "grant_types", List.of("authorization_code", "client_credentials"), "scope", "openid api:read",
                    "token_endpoint_auth_method", "private_key_jwt", "jwks", new JWKSet(key).toJSONObject(true),
                    "client_profile", "fapi1-advanced"));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            String clientId = r.json().get("client_id").asText();
            Map<String, String> form = new HashMap<>(Map.of("grant_type", "client_credentials", "scope", "api:read",
                    "client_assertion_type", ClientAssertionIT.JWT_BEARER, "client_assertion", assertion(clientId)));
            DPoPIT.DPoPKey dpop = DPoPIT.DPoPKey.generate();
            assertOAuthError(api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuer + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("DPoP", dpop.proof("POST", issuer + "/oauth2/token", c -> { }))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Browser.encode(form))).build()),
                    400, "invalid_request");

            form.put("client_assertion", assertion(clientId));
            Api.Response bound = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(issuer + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-SSL-Client-Cert", URLEncoder.encode(MutualTlsClientAuthenticationIT.pem("client-b"),
                            StandardCharsets.UTF_8))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Browser.encode(form))).build());
            assertThat(bound.status()).as(bound.raw().body()).isEqualTo(200);
            assertThat(SignedJWT.parse(bound.json().get("access_token").asText()).getJWTClaimsSet()
                    .getJSONObjectClaim("cnf")).containsEntry("x5t#S256", CertificateBoundTokensIT.x5t(
                            MutualTlsClientAuthenticationIT.certificate("client-b")));
        }
    }

    @Nested
    @DisplayName("FAPI 2.0 Message Signing §5.3.1")
    class Fapi2MessageSigning {
        @Test
        @DisplayName("FAPI 2.0 MS §5.3.1: the PAR endpoint takes only a signed request object; with one it answers 201")
        void pushWhenPlainParametersThenInvalidRequest() throws Exception {
            String clientId = client("fapi2-message-signing");
            assertOAuthError(push(clientId, request(clientId)), 400, "invalid_request");
            Api.Response pushed = push(clientId, Map.of("request", requestObject(clientId, b -> b)));
            assertThat(pushed.status()).as(pushed.raw().body()).isEqualTo(201);
            assertThat(location(authorizeWithRequestUri(clientId, pushed.json().get("request_uri").asText())))
                    .contains("/signin?request=");
        }

        @Test
        @DisplayName("FAPI 1.0 Advanced §5.2.2 items 13–17: a request object without nbf or exp, living over 60 minutes,"
                + " with an nbf over 60 minutes old, or without aud is invalid_request_object")
        void pushWhenRequestObjectTimesLooseThenInvalidRequestObject() throws Exception {
            String clientId = client("fapi2-message-signing");
            long now = System.currentTimeMillis();
            List<java.util.function.UnaryOperator<JWTClaimsSet.Builder>> loose = List.of(
                    b -> b.notBeforeTime(null),
                    b -> b.expirationTime(null),
                    b -> b.expirationTime(new Date(now + 3_700_000)),
                    b -> b.notBeforeTime(new Date(now - 3_700_000)).expirationTime(new Date(now + 60_000)),
                    b -> b.audience((String) null));
            for (var change : loose) {
                assertOAuthError(push(clientId, Map.of("request", requestObject(clientId, change))), 400,
                        "invalid_request_object");
            }
        }
    }

    @Nested
    @DisplayName("FAPI 1.0 Advanced §5.2.2")
    class Fapi1Advanced {
        @Test
        @DisplayName("FAPI 1.0 Advanced §5.2.2 item 1: plain parameters are refused; a signed request object by value"
                + " goes on to sign-in")
        void authorizeWhenNoRequestObjectThenInvalidRequest() throws Exception {
            String clientId = client("fapi1-advanced");
            StringBuilder direct = new StringBuilder("/oauth2/authorize?");
            request(clientId).forEach((k, v) -> direct.append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
            assertThat(Browser.queryOf(location(new Browser(issuer).get(direct.toString()))))
                    .containsEntry("error", "invalid_request");
            HttpResponse<String> byValue = new Browser(issuer).get("/oauth2/authorize?client_id=" + clientId
                    + "&response_type=code&scope=openid&request=" + requestObject(clientId,
                    b -> b.claim("response_mode", "jwt")));
            assertThat(location(byValue)).contains("/signin?request=");
        }

        @Test
        @DisplayName("FAPI 1.0 Advanced §5.2.2.2: with the openid scope a request object without nonce is invalid_request,"
                + " also for code with JARM; RFC 9101 §5 / OIDC Core §3.1.2.1: one without scope is invalid_request_object")
        void pushWhenNoNonceOrNoScopeThenRefused() throws Exception {
            String clientId = client("fapi1-advanced");
            assertOAuthError(push(clientId, Map.of("request", requestObject(clientId,
                    b -> b.claim("response_mode", "jwt").claim("nonce", null)))), 400, "invalid_request");
            assertOAuthError(push(clientId, Map.of("request", requestObject(clientId,
                    b -> b.claim("response_mode", "jwt").claim("scope", null)))), 400, "invalid_request_object");
            Api.Response pushed = push(clientId, Map.of("request", requestObject(clientId,
                    b -> b.claim("response_mode", "jwt"))));
            assertThat(pushed.status()).as(pushed.raw().body()).isEqualTo(201);
        }

        @Test
        @DisplayName("FAPI 1.0 Advanced §5.2.2 item 18: a client registered with require_pkce false sends its request"
                + " object by value without PKCE, but a pushed request still needs code_challenge S256; FAPI 2.0 SP"
                + " §5.3.2.2 never lets PKCE be switched off")
        void fapi1_5_2_2_18_pkceRequiredWithParOnly() throws Exception {
            Api.Response registered = register("fapi1-advanced", "private_key_jwt", Map.of("require_pkce", false));
            assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
            String clientId = registered.json().get("client_id").asText();
            HttpResponse<String> byValue = new Browser(issuer).get("/oauth2/authorize?client_id=" + clientId
                    + "&response_type=code&scope=openid&request=" + requestObject(clientId,
                    b -> b.claim("response_mode", "jwt").claim("code_challenge", null)
                            .claim("code_challenge_method", null)));
            assertThat(location(byValue)).contains("/signin?request=");
            Api.Response pushedWithout = push(clientId, Map.of("request", requestObject(clientId,
                    b -> b.claim("response_mode", "jwt").claim("code_challenge", null)
                            .claim("code_challenge_method", null))));
            assertOAuthError(pushedWithout, 400, "invalid_request");
            assertThat(pushedWithout.json().get("error_description").asText()).contains("code_challenge");
            Api.Response pushedWith = push(clientId, Map.of("request", requestObject(clientId,
                    b -> b.claim("response_mode", "jwt"))));
            assertThat(pushedWith.status()).as(pushedWith.raw().body()).isEqualTo(201);

            Api.Response fapi2 = register("fapi2-security", "private_key_jwt", Map.of("require_pkce", false));
            assertOAuthError(fapi2, 400, "invalid_client_metadata");
        }

        @Test
        @DisplayName("FAPI 1.0 Advanced §5.2.2 item 2, JARM §2.3, RFC 9101 §6.3: a request object by value that is"
                + " refused (expired) answers invalid_request_object as a JARM response when the object asked for"
                + " response_mode jwt, though the URL names no mode")
        void fapi1_5_2_2_2_refusedRequestObjectErrorIsJarm() throws Exception {
            String clientId = client("fapi1-advanced");
            long past = System.currentTimeMillis() - 600_000;
            String expired = requestObject(clientId, b -> b.claim("response_mode", "jwt")
                    .notBeforeTime(new Date(past - 60_000)).expirationTime(new Date(past)));
            HttpResponse<String> answer = new Browser(issuer).get("/oauth2/authorize?client_id=" + clientId
                    + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&request=" + expired);
            Map<String, String> query = Browser.queryOf(location(answer));
            assertThat(location(answer)).startsWith(REDIRECT);
            assertThat(query).containsKey("response").doesNotContainKey("error");
            JWTClaimsSet jarm = SignedJWT.parse(query.get("response")).getJWTClaimsSet();
            assertThat(jarm.getStringClaim("error")).isEqualTo("invalid_request_object");
            assertThat(jarm.getIssuer()).isEqualTo(issuer);
            assertThat(jarm.getAudience()).containsExactly(clientId);

            // without a mode in the object (or URL) the error stays a plain query response
            HttpResponse<String> plain = new Browser(issuer).get("/oauth2/authorize?client_id=" + clientId
                    + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&request="
                    + requestObject(clientId, b -> b.notBeforeTime(new Date(past - 60_000))
                            .expirationTime(new Date(past))));
            assertThat(Browser.queryOf(location(plain))).containsEntry("error", "invalid_request_object");
        }

        @Test
        @DisplayName("RFC 9126 §2: a FAPI 1.0 client's private_key_jwt assertion naming the PAR endpoint URL as aud is"
                + " accepted there, like the issuer and the token endpoint URL")
        void pushWhenAssertionAudienceIsParEndpointThenAccepted() throws Exception {
            String clientId = client("fapi1-advanced");
            String assertion = ClientAssertionIT.sign(new ECDSASigner(key), JWSAlgorithm.ES256, key.getKeyID(),
                    new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(issuer + "/oauth2/par")
                            .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                            .jwtID(UUID.randomUUID().toString()).build());
            Api.Response pushed = api.postForm("/oauth2/par", null, null, Map.of("client_id", clientId,
                    "client_assertion_type", ClientAssertionIT.JWT_BEARER, "client_assertion", assertion,
                    "request", requestObject(clientId, b -> b.claim("response_mode", "jwt"))));
            assertThat(pushed.status()).as(pushed.raw().body()).isEqualTo(201);
        }
    }
}
