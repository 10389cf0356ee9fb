package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.FrontChannel.enc;
import static io.kizuna.server.protocol.FrontChannel.fragmentOf;
import static io.kizuna.server.protocol.FrontChannel.location;
import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * JWT Secured Authorization Response Mode for OAuth 2.0 (JARM) over HTTP. The test plays the relying
 * party: it reads the {@code response} parameter from wherever the mode puts it, verifies the JWT against
 * the published JWKS only, checks {@code iss}, {@code aud} and {@code exp} (§2.1, §2.4), decrypts with the
 * client's own private key when the client registered encryption (§2.2), and redeems the code.
 */
@KizunaIntegrationTest
class JarmIT {
    static final String REDIRECT = "https://jarm-rp.example.jp/cb";
    static final String PASSWORD = "a long enough password";
    static final RSAKey RSA_ENC = rsa();

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    static RSAKey rsa() {
        try {
            return new RSAKeyGenerator(2048).keyID("jarm-rp-enc").keyUse(KeyUse.ENCRYPTION).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
    }

    /** A confidential client for code and implicit (admin API); extra metadata on top. Returns the response. */
    JsonNode client(Map<String, Object> extra) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "JARM RP " + UUID.randomUUID(),
                "redirect_uris", List.of(REDIRECT), "grant_types", List.of("authorization_code", "implicit"),
                "scope", "openid profile email"));
        metadata.putAll(extra);
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    String member() throws Exception {
        String email = "jarm-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "JARM Tester");
        return email;
    }

    static String authorize(String clientId, String responseType, String responseMode, String extra) {
        return "/oauth2/authorize?response_type=" + enc(responseType) + "&client_id=" + clientId
                + "&redirect_uri=" + enc(REDIRECT) + "&scope=" + enc("openid profile") + "&response_mode="
                + enc(responseMode) + extra;
    }

    static String pkce(Pkce pkce) {
        return "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256";
    }

    /** JARM §2.4: the signature verifies with a published key; iss, aud and a short exp are ours. */
    JWTClaimsSet verified(String responseJwt, String clientId, String alg) throws Exception {
        SignedJWT jwt = SignedJWT.parse(responseJwt);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(alg);
        assertThat(PublishedKeys.verifies(responseJwt, PublishedKeys.fetch(api))).as("signed with a published key")
                .isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getAudience()).containsExactly(clientId);
        Instant exp = claims.getExpirationTime().toInstant();
        // §2.1: a maximum lifetime of 10 minutes is recommended; Kizuna uses 5
        assertThat(exp).isAfter(Instant.now()).isBefore(Instant.now().plusSeconds(600));
        return claims;
    }

    Api.Response redeem(JsonNode client, String code, Pkce pkce) throws Exception {
        return api.postForm("/oauth2/token", client.get("client_id").asText(), client.get("client_secret").asText(),
                Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                        "code_verifier", pkce.verifier()));
    }

    @Nested
    @DisplayName("JARM §2.3: the four response modes")
    class Section2_3 {
        @Test
        @DisplayName("JARM §2.3.1: query.jwt puts only response=<JWT> in the query; the RS256 default JWT holds code and state; the code redeems")
        void jarm_2_3_1_queryJwt() throws Exception {
            JsonNode client = client(Map.of());
            String clientId = client.get("client_id").asText();
            Pkce pkce = Pkce.generate();
            Browser browser = new Browser(issuer);
            String location = location(FrontChannel.signInAndApprove(browser, browser.get(authorize(clientId, "code",
                    "query.jwt", "&state=q1" + pkce(pkce))), member(), PASSWORD));
            assertThat(location).startsWith(REDIRECT + "?");
            Map<String, String> query = Browser.queryOf(location);
            assertThat(query.keySet()).as("no code, state or iss outside the JWT").containsExactly("response");
            JWTClaimsSet claims = verified(query.get("response"), clientId, "RS256");
            assertThat(claims.getStringClaim("state")).isEqualTo("q1");
            assertThat(claims.getStringClaim("code")).isNotBlank();
            Api.Response tokens = redeem(client, claims.getStringClaim("code"), pkce);
            assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        }

        @Test
        @DisplayName("JARM §2.3.4: jwt with response_type code is query.jwt, signed with the registered ES256")
        void jarm_2_3_4_jwtForCodeIsQueryJwt() throws Exception {
            JsonNode client = client(Map.of("authorization_signed_response_alg", "ES256"));
            assertThat(client.get("authorization_signed_response_alg").asText()).isEqualTo("ES256");
            String clientId = client.get("client_id").asText();
            Pkce pkce = Pkce.generate();
            Browser browser = new Browser(issuer);
            String location = location(FrontChannel.signInAndApprove(browser, browser.get(authorize(clientId, "code",
                    "jwt", "&state=q2" + pkce(pkce))), member(), PASSWORD));
            assertThat(URI.create(location).getRawFragment()).isNull();
            JWTClaimsSet claims = verified(Browser.queryOf(location).get("response"), clientId, "ES256");
            assertThat(claims.getStringClaim("state")).isEqualTo("q2");
            assertThat(redeem(client, claims.getStringClaim("code"), pkce).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("JARM §2.3.2, §2.3.4: jwt with code id_token token is fragment.jwt; the JWT carries code, access_token, id_token and state")
        void jarm_2_3_2_fragmentJwt() throws Exception {
            JsonNode client = client(Map.of("authorization_signed_response_alg", "PS256"));
            String clientId = client.get("client_id").asText();
            Pkce pkce = Pkce.generate();
            Browser browser = new Browser(issuer);
            String location = location(FrontChannel.signInAndApprove(browser, browser.get(authorize(clientId,
                    "code id_token token", "jwt", "&state=f1&nonce=n1" + pkce(pkce))), member(), PASSWORD));
            assertThat(location).startsWith(REDIRECT + "#");
            assertThat(URI.create(location).getRawQuery()).isNull();
            Map<String, String> fragment = fragmentOf(location);
            assertThat(fragment.keySet()).containsExactly("response");
            JWTClaimsSet claims = verified(fragment.get("response"), clientId, "PS256");
            assertThat(claims.getClaims()).containsKeys("code", "access_token", "token_type", "expires_in", "scope",
                    "id_token");
            assertThat(claims.getStringClaim("state")).isEqualTo("f1");
            assertThat(claims.getStringClaim("token_type")).isEqualTo("Bearer");
            assertThat(PublishedKeys.verifies(claims.getStringClaim("id_token"), PublishedKeys.fetch(api))).isTrue();
            assertThat(SignedJWT.parse(claims.getStringClaim("id_token")).getJWTClaimsSet().getStringClaim("nonce"))
                    .isEqualTo("n1");
            assertThat(api.get("/userinfo", claims.getStringClaim("access_token")).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("JARM §2.3.3: form_post.jwt answers with an auto-submitting page holding one field, response, under the hash-only CSP")
        void jarm_2_3_3_formPostJwt() throws Exception {
            JsonNode client = client(Map.of());
            String clientId = client.get("client_id").asText();
            Pkce pkce = Pkce.generate();
            Browser browser = new Browser(issuer);
            Map<String, String> form = new LinkedHashMap<>();
            form.put("response_type", "code id_token");
            form.put("client_id", clientId);
            form.put("redirect_uri", REDIRECT);
            form.put("scope", "openid");
            form.put("state", "p1");
            form.put("nonce", "n2");
            form.put("response_mode", "form_post.jwt");
            form.put("code_challenge", pkce.challenge());
            form.put("code_challenge_method", "S256");
            HttpResponse<String> page = FrontChannel.signInAndApprove(browser,
                    browser.postForm("/oauth2/authorize", form), member(), PASSWORD);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
            assertThat(page.headers().allValues("Content-Security-Policy")).singleElement().asString()
                    .contains("script-src 'sha256-").doesNotContain("unsafe-inline");
            assertThat(page.body()).contains("<form method=\"post\" action=\"" + REDIRECT + "\">");
            Map<String, String> fields = FrontChannel.formPostFields(page);
            assertThat(fields.keySet()).containsExactly("response");
            JWTClaimsSet claims = verified(fields.get("response"), clientId, "RS256");
            assertThat(claims.getStringClaim("state")).isEqualTo("p1");
            assertThat(claims.getClaims()).containsKeys("code", "id_token");
            assertThat(redeem(client, claims.getStringClaim("code"), pkce).status()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("JARM §2.2: signed, then encrypted to the client")
    class Section2_2 {
        @Test
        @DisplayName("JARM §2.2, §2.3.1: an encrypting client gets a JWE (cty JWT) to its RSA key, decrypted with its private key; query.jwt may then carry tokens")
        void jarm_2_2_encryptedQueryJwtWithTokens() throws Exception {
            JsonNode client = client(Map.of("jwks", new JWKSet(RSA_ENC.toPublicJWK()).toJSONObject(true),
                    "authorization_encrypted_response_alg", "RSA-OAEP-256",
                    "authorization_encrypted_response_enc", "A256GCM"));
            assertThat(client.get("authorization_encrypted_response_enc").asText()).isEqualTo("A256GCM");
            String clientId = client.get("client_id").asText();
            Pkce pkce = Pkce.generate();
            Browser browser = new Browser(issuer);
            String location = location(FrontChannel.signInAndApprove(browser, browser.get(authorize(clientId,
                    "code id_token", "query.jwt", "&state=e1&nonce=n3" + pkce(pkce))), member(), PASSWORD));
            String response = Browser.queryOf(location).get("response");
            JWEObject jwe = JWEObject.parse(response);
            assertThat(jwe.getHeader().getAlgorithm().getName()).isEqualTo("RSA-OAEP-256");
            assertThat(jwe.getHeader().getEncryptionMethod().getName()).isEqualTo("A256GCM");
            assertThat(jwe.getHeader().getContentType()).as("nested JWT (RFC 7519 §5.2)").isEqualTo("JWT");
            assertThat(jwe.getHeader().getKeyID()).isEqualTo(RSA_ENC.getKeyID());
            jwe.decrypt(new RSADecrypter(RSA_ENC));
            JWTClaimsSet claims = verified(jwe.getPayload().toSignedJWT().serialize(), clientId, "RS256");
            assertThat(claims.getStringClaim("state")).isEqualTo("e1");
            assertThat(claims.getClaims()).containsKeys("code", "id_token");
            assertThat(redeem(client, claims.getStringClaim("code"), pkce).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("JARM §2.2: when the client's jwks_uri does not answer, no code is issued and nothing is redirected; the request stays pending")
        void jarm_2_2_unreachableJwksUriIssuesNothing() throws Exception {
            int closedPort;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            JsonNode client = client(Map.of("jwks_uri", "http://127.0.0.1:" + closedPort + "/jwks",
                    "authorization_encrypted_response_alg", "RSA-OAEP-256"));
            String clientId = client.get("client_id").asText();
            Browser browser = new Browser(issuer);
            HttpResponse<String> answer = FrontChannel.signInAndApprove(browser, browser.get(authorize(clientId,
                    "code", "jwt", "&state=u1" + pkce(Pkce.generate()))), member(), PASSWORD);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(502);
            assertThat(answer.headers().firstValue("Location")).isEmpty();
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
            // nothing was recorded: neither the consent nor a grant (the consent comes first in the decision)
            assertThat(jdbc.queryForObject("SELECT count(*) FROM consent_lookup WHERE client_id = ?",
                    Integer.class, clientId)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM authorization_request WHERE client_id = ?",
                    Integer.class, clientId)).isEqualTo(1);

            // an error for the same client cannot be encrypted either: shown to the user, not redirected
            HttpResponse<String> error = new Browser(issuer).get(authorize(clientId, "code", "jwt",
                    "&state=u2&prompt=bogus" + pkce(Pkce.generate())));
            assertThat(error.statusCode()).isEqualTo(400);
            assertThat(error.headers().firstValue("Location")).isEmpty();
            assertThat(error.body()).contains("invalid_client").contains("jwks_uri");
        }

        @Test
        @DisplayName("JARM §3: encryption without a key to encrypt to, or alg none, is invalid_client_metadata; nothing is recorded")
        void jarm_3_refusedMetadata() throws Exception {
            for (Map<String, Object> bad : List.<Map<String, Object>>of(
                    Map.of("authorization_encrypted_response_alg", "RSA-OAEP-256"),
                    Map.of("authorization_signed_response_alg", "none"),
                    Map.of("authorization_encrypted_response_enc", "A128GCM"))) {
                Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "Bad JARM " + UUID.randomUUID(),
                        "redirect_uris", List.of(REDIRECT), "scope", "openid"));
                metadata.putAll(bad);
                assertOAuthError(api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, metadata), 400,
                        "invalid_client_metadata");
                assertThat(jdbc.queryForObject("SELECT count(*) FROM oauth_client WHERE name = ?", Integer.class,
                        metadata.get("client_name"))).isZero();
            }
        }
    }

    @Nested
    @DisplayName("JARM §2.1, §2.3.1: errors travel in the response JWT too")
    class Errors {
        @Test
        @DisplayName("JARM §2.3.1: query.jwt with a token-returning type and no encryption is invalid_request, sent back signed in fragment.jwt with state")
        void jarm_2_3_1_queryJwtWithTokensUnencryptedIsInvalidRequest() throws Exception {
            JsonNode client = client(Map.of());
            String clientId = client.get("client_id").asText();
            HttpResponse<String> r = new Browser(issuer).get(authorize(clientId, "code id_token", "query.jwt",
                    "&state=x1&nonce=n4" + pkce(Pkce.generate())));
            assertThat(r.statusCode()).isEqualTo(302);
            Map<String, String> fragment = fragmentOf(location(r));
            assertThat(fragment.keySet()).containsExactly("response");
            JWTClaimsSet claims = verified(fragment.get("response"), clientId, "RS256");
            assertThat(claims.getStringClaim("error")).isEqualTo("invalid_request");
            assertThat(claims.getStringClaim("error_description")).contains("2.3.1");
            assertThat(claims.getStringClaim("state")).isEqualTo("x1");
            assertThat(claims.getClaim("code")).isNull();
        }

        @Test
        @DisplayName("RFC 6749 §4.1.2.1 with JARM §2.1: an invalid scope comes back as error, error_description and state in the query.jwt JWT")
        void jarm_2_1_errorInJwt() throws Exception {
            JsonNode client = client(Map.of("authorization_signed_response_alg", "EdDSA"));
            String clientId = client.get("client_id").asText();
            HttpResponse<String> r = new Browser(issuer).get("/oauth2/authorize?response_type=code&client_id="
                    + clientId + "&redirect_uri=" + enc(REDIRECT) + "&scope=admin&response_mode=jwt&state=x2"
                    + pkce(Pkce.generate()));
            Map<String, String> query = Browser.queryOf(location(r));
            assertThat(query.keySet()).containsExactly("response");
            JWTClaimsSet claims = verified(query.get("response"), clientId, "EdDSA");
            assertThat(claims.getStringClaim("error")).isEqualTo("invalid_scope");
            assertThat(claims.getStringClaim("error_description")).isNotBlank();
            assertThat(claims.getStringClaim("state")).isEqualTo("x2");
        }

        @Test
        @DisplayName("RFC 6749 §4.1.2.1: with a redirect_uri that is not registered nothing is redirected, JARM or not")
        void jarm_2_1_untrustedRedirectUriShowsPage() throws Exception {
            String clientId = client(Map.of()).get("client_id").asText();
            HttpResponse<String> r = new Browser(issuer).get("/oauth2/authorize?response_type=code&client_id="
                    + clientId + "&redirect_uri=" + enc("https://evil.example/cb") + "&scope=openid&response_mode=jwt");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.headers().firstValue("Location")).isEmpty();
        }

        @Test
        @DisplayName("JARM §2.3: an unknown response_mode is invalid_request, in the type's default mode")
        void unknownModeIsInvalidRequest() throws Exception {
            String clientId = client(Map.of()).get("client_id").asText();
            HttpResponse<String> r = new Browser(issuer).get(authorize(clientId, "code", "query.jws",
                    "&state=x3" + pkce(Pkce.generate())));
            assertThat(Browser.queryOf(location(r))).containsEntry("error", "invalid_request")
                    .containsEntry("state", "x3");
        }
    }

    @Nested
    @DisplayName("JARM with RFC 9126 pushed requests and RFC 9101 request objects")
    class PushedAndRequestObjects {
        @Test
        @DisplayName("RFC 9126 §4 with JARM §2.3.4: response_mode jwt inside a pushed request gives a signed response")
        void jarm_2_3_4_pushedRequest() throws Exception {
            JsonNode client = client(Map.of());
            String clientId = client.get("client_id").asText();
            Pkce pkce = Pkce.generate();
            Api.Response pushed = api.postForm("/oauth2/par", clientId, client.get("client_secret").asText(),
                    Map.of("response_type", "code", "redirect_uri", REDIRECT, "scope", "openid", "state", "par1",
                            "response_mode", "jwt", "code_challenge", pkce.challenge(),
                            "code_challenge_method", "S256"));
            assertThat(pushed.status()).as(pushed.raw().body()).isEqualTo(201);
            Browser browser = new Browser(issuer);
            String location = location(FrontChannel.signInAndApprove(browser, browser.get("/oauth2/authorize?client_id="
                    + clientId + "&request_uri=" + enc(pushed.json().get("request_uri").asText())), member(), PASSWORD));
            JWTClaimsSet claims = verified(Browser.queryOf(location).get("response"), clientId, "RS256");
            assertThat(claims.getStringClaim("state")).isEqualTo("par1");
            assertThat(redeem(client, claims.getStringClaim("code"), pkce).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("RFC 9126 §2.1: a pushed query.jwt request for tokens without encryption is refused at the PAR endpoint")
        void jarm_2_3_1_pushedQueryJwtWithTokensRefused() throws Exception {
            JsonNode client = client(Map.of());
            assertOAuthError(api.postForm("/oauth2/par", client.get("client_id").asText(),
                    client.get("client_secret").asText(), Map.of("response_type", "code id_token", "redirect_uri",
                            REDIRECT, "scope", "openid", "nonce", "n", "response_mode", "query.jwt",
                            "code_challenge", Pkce.generate().challenge(), "code_challenge_method", "S256")),
                    400, "invalid_request");
        }
    }

    @Nested
    @DisplayName("FAPI 1.0 Advanced §5.2.2 item 2: code only with JARM")
    class Fapi1Advanced {
        ECKey key;

        JsonNode fapiClient() throws Exception {
            key = new ECKeyGenerator(Curve.P_256).keyID("jarm-fapi").generate();
            return client(Map.of("grant_types", List.of("authorization_code"), "token_endpoint_auth_method",
                    "private_key_jwt", "jwks", new JWKSet(key.toPublicJWK()).toJSONObject(true),
                    "client_profile", "fapi1-advanced"));
        }

        String requestObject(String clientId, String responseMode, Pkce pkce) throws Exception {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(clientId).audience(issuer)
                    .claim("client_id", clientId).claim("response_type", "code").claim("redirect_uri", REDIRECT)
                    .claim("scope", "openid").claim("state", "fapi-state").claim("nonce", "fapi-nonce")
                    .claim("code_challenge", pkce.challenge()).claim("code_challenge_method", "S256")
                    .notBeforeTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 300_000));
            if (responseMode != null) {
                claims.claim("response_mode", responseMode);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(new JOSEObjectType("oauth-authz-req+jwt")).build(), claims.build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        }

        @Test
        @DisplayName("FAPI 1.0 Advanced §5.2.2-2: response_type code without response_mode jwt is invalid_request")
        void fapi1_5_2_2_2_codeWithoutJarmRefused() throws Exception {
            String clientId = fapiClient().get("client_id").asText();
            HttpResponse<String> r = new Browser(issuer).get("/oauth2/authorize?client_id=" + clientId
                    + "&response_type=code&scope=openid&request=" + requestObject(clientId, null, Pkce.generate()));
            Map<String, String> query = Browser.queryOf(location(r));
            assertThat(query).containsEntry("error", "invalid_request").containsEntry("state", "fapi-state");
            assertThat(query.get("error_description")).contains("5.2.2");
        }

        @Test
        @DisplayName("FAPI 1.0 Advanced §5.2.2-2 with JARM §3: response_mode jwt in the request object gives a PS256 response JWT (the FAPI default)")
        void fapi1_5_2_2_2_codeWithJarm() throws Exception {
            String clientId = fapiClient().get("client_id").asText();
            Browser browser = new Browser(issuer);
            String location = location(FrontChannel.signInAndApprove(browser, browser.get("/oauth2/authorize?client_id="
                    + clientId + "&response_type=code&scope=openid&request="
                    + requestObject(clientId, "jwt", Pkce.generate())), member(), PASSWORD));
            JWTClaimsSet claims = verified(Browser.queryOf(location).get("response"), clientId, "PS256");
            assertThat(claims.getStringClaim("state")).isEqualTo("fapi-state");
            assertThat(claims.getStringClaim("code")).isNotBlank();
        }
    }

    @Nested
    @DisplayName("JARM §3, §4: metadata")
    class Metadata {
        @Test
        @DisplayName("JARM §4: discovery lists the four modes and the signing and encryption algorithms")
        void jarm_4_discovery() throws Exception {
            JsonNode m = api.get("/.well-known/openid-configuration", null).json();
            assertThat(m.get("response_modes_supported")).extracting(JsonNode::asText)
                    .contains("query.jwt", "fragment.jwt", "form_post.jwt", "jwt");
            assertThat(m.get("authorization_signing_alg_values_supported")).extracting(JsonNode::asText)
                    .contains("RS256", "PS256", "ES256", "EdDSA").doesNotContain("none");
            assertThat(m.get("authorization_encryption_alg_values_supported")).extracting(JsonNode::asText)
                    .contains("RSA-OAEP-256", "ECDH-ES");
            assertThat(m.get("authorization_encryption_enc_values_supported")).extracting(JsonNode::asText)
                    .contains("A128CBC-HS256", "A256GCM");
        }

        @Test
        @DisplayName("JARM §3 with RFC 7591/7592: registered, read back (enc defaulted), replaced, and recorded as client.authorization_response.changed")
        void jarm_3_dynamicRegistration() throws Exception {
            Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "JARM DCR " + UUID.randomUUID(),
                    "redirect_uris", List.of(REDIRECT), "scope", "openid",
                    "jwks", new JWKSet(RSA_ENC.toPublicJWK()).toJSONObject(true),
                    "authorization_signed_response_alg", "PS256",
                    "authorization_encrypted_response_alg", "RSA-OAEP-256"));
            Api.Response r = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, metadata);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            String clientId = r.json().get("client_id").asText();
            String token = r.json().get("registration_access_token").asText();
            JsonNode read = api.get("/oauth2/register/" + clientId, token).json();
            assertThat(read.get("authorization_signed_response_alg").asText()).isEqualTo("PS256");
            assertThat(read.get("authorization_encrypted_response_alg").asText()).isEqualTo("RSA-OAEP-256");
            assertThat(read.get("authorization_encrypted_response_enc").asText()).isEqualTo("A128CBC-HS256");

            Map<String, Object> update = new HashMap<>(metadata);
            update.put("client_id", clientId);
            update.remove("authorization_encrypted_response_alg");
            Api.Response put = api.putJson("/oauth2/register/" + clientId, token, update);
            assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
            assertThat(put.json().has("authorization_encrypted_response_alg")).isFalse();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                    + " AND payloadtype LIKE '%ClientAuthorizationResponseChanged'", Integer.class, clientId))
                    .isEqualTo(2);

            Api.Response admin = api.putJson("/admin/api/clients/" + clientId + "/authorization-response",
                    Api.ADMIN_TOKEN, Map.of("authorization_signed_response_alg", "ES256"));
            assertThat(admin.status()).as(admin.raw().body()).isEqualTo(200);
            assertThat(admin.json().get("authorization_signed_response_alg").asText()).isEqualTo("ES256");
            assertOAuthError(api.putJson("/admin/api/clients/" + clientId + "/authorization-response",
                    Api.ADMIN_TOKEN, Map.of("authorization_signed_response_alg", "HS256")), 400,
                    "invalid_client_metadata");
        }
    }
}
