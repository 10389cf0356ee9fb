package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
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
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * DPoP (RFC 9449) end to end over HTTP: proofs at the token endpoint (§4.3, §5), bound tokens (§6), the
 * server nonce dance (§8), {@code dpop_bound_access_tokens} (§5.2), UserInfo as a DPoP protected resource
 * (§7) and introspection (§6.2), with the one-time {@code jti} kept in the real PostgreSQL.
 */
@KizunaIntegrationTest
class DPoPIT {
    static final String REDIRECT = "https://dpop.example.jp/cb";
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
    }

    /** A client-side DPoP key that signs proofs (RFC 9449 §4.2). */
    record DPoPKey(ECKey key) {
        static DPoPKey generate() throws Exception {
            return new DPoPKey(new ECKeyGenerator(Curve.P_256).generate());
        }

        String jkt() throws Exception {
            return key.computeThumbprint("SHA-256").toString();
        }

        String proof(String htm, String htu, Consumer<JWTClaimsSet.Builder> extra) throws Exception {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
                    .claim("htm", htm).claim("htu", htu).issueTime(new Date());
            extra.accept(claims);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                    .type(new JOSEObjectType("dpop+jwt")).jwk(key.toPublicJWK()).build(), claims.build());
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        }
    }

    /** RFC 9449 §4.2: base64url of the SHA-256 of the access token's ASCII. */
    static String ath(String token) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String tokenUri() {
        return issuer + "/oauth2/token";
    }

    Api.Response token(String[] client, Map<String, String> form, String proof) throws Exception {
        Map<String, String> body = new HashMap<>(form);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (client[1] == null) {
            body.put("client_id", client[0]);
        } else {
            request.header("Authorization", Api.basic(client[0], client[1]));
        }
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return api.send(request.POST(HttpRequest.BodyPublishers.ofString(Browser.encode(body))).build());
    }

    Api.Response userinfo(String authorization, String proof) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + "/userinfo")).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return api.send(request.build());
    }

    String[] apiClient(Map<String, Object> extra) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "DPoP API " + UUID.randomUUID(),
                "grant_types", List.of("client_credentials"), "scope", "api:read"));
        metadata.putAll(extra);
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new String[] {r.json().get("client_id").asText(), r.json().get("client_secret").asText()};
    }

    String[] webClient(boolean publicClient, String format) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "DPoP site " + UUID.randomUUID(),
                "redirect_uris", List.of(REDIRECT), "grant_types", List.of("authorization_code", "refresh_token"),
                "scope", "openid email offline_access", "access_token_format", format));
        if (publicClient) {
            metadata.put("token_endpoint_auth_method", "none");
        }
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new String[] {r.json().get("client_id").asText(),
                r.json().has("client_secret") ? r.json().get("client_secret").asText() : null};
    }

    /** Signs a member in through the code flow and redeems the code with a proof by {@code key}. */
    JsonNode codeTokens(String[] client, DPoPKey key) throws Exception {
        String email = "dpop-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "DPoP Tester");
        CodeFlow.Result flow = CodeFlow.run(issuer, client[0], REDIRECT, email, PASSWORD, "openid email");
        Api.Response r = token(client, Map.of("grant_type", "authorization_code", "code", flow.code(),
                "redirect_uri", REDIRECT, "code_verifier", flow.verifier()), key.proof("POST", tokenUri(), c -> { }));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }

    Map<String, String> clientCredentials() {
        return Map.of("grant_type", "client_credentials");
    }

    @Nested
    @DisplayName("Token endpoint (RFC 9449 §5)")
    class TokenEndpoint {
        @Test
        @DisplayName("RFC 9449 §5, §6.1: a valid proof gets token_type DPoP and a JWT with cnf.jkt of the proof's key")
        void requestWhenValidProofThenDpopBoundJwt() throws Exception {
            DPoPKey key = DPoPKey.generate();
            Api.Response r = token(apiClient(Map.of()), clientCredentials(), key.proof("POST", tokenUri(), c -> { }));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            assertThat(r.json().get("token_type").asText()).isEqualTo("DPoP");
            JWTClaimsSet claims = SignedJWT.parse(r.json().get("access_token").asText()).getJWTClaimsSet();
            assertThat(claims.getJSONObjectClaim("cnf")).containsEntry("jkt", key.jkt());
        }

        @Test
        @DisplayName("RFC 6749 §5.1: without a proof the token stays a Bearer token with no cnf")
        void requestWhenNoProofThenBearer() throws Exception {
            Api.Response r = token(apiClient(Map.of()), clientCredentials(), null);
            assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
            assertThat(SignedJWT.parse(r.json().get("access_token").asText()).getJWTClaimsSet().getClaim("cnf")).isNull();
        }

        @Test
        @DisplayName("RFC 9449 §11.1: a replayed proof is invalid_dpop_proof, though it reached the server first as valid")
        void requestWhenProofReplayedThenInvalidDpopProof() throws Exception {
            String[] client = apiClient(Map.of());
            String proof = DPoPKey.generate().proof("POST", tokenUri(), c -> { });
            assertThat(token(client, clientCredentials(), proof).status()).isEqualTo(200);
            assertOAuthError(token(client, clientCredentials(), proof), 400, "invalid_dpop_proof");
        }

        @Test
        @DisplayName("RFC 9449 §4.3: wrong htm, wrong htu, stale iat and an unsigned (alg none) proof are invalid_dpop_proof")
        void requestWhenProofDoesNotFitThenInvalidDpopProof() throws Exception {
            String[] client = apiClient(Map.of());
            DPoPKey key = DPoPKey.generate();
            assertOAuthError(token(client, clientCredentials(), key.proof("GET", tokenUri(), c -> { })), 400,
                    "invalid_dpop_proof");
            assertOAuthError(token(client, clientCredentials(), key.proof("POST", issuer + "/oauth2/introspect",
                    c -> { })), 400, "invalid_dpop_proof");
            assertOAuthError(token(client, clientCredentials(), key.proof("POST", tokenUri(),
                    c -> c.issueTime(Date.from(Instant.now().minusSeconds(3600))))), 400, "invalid_dpop_proof");
            String[] parts = key.proof("POST", tokenUri(), c -> { }).split("\\.");
            String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"alg\":\"none\",\"typ\":\"dpop+jwt\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
            assertOAuthError(token(client, clientCredentials(), none), 400, "invalid_dpop_proof");
        }

        @Test
        @DisplayName("RFC 9449 §4.3 check 1: two DPoP headers are invalid_dpop_proof")
        void requestWhenTwoProofsThenInvalidDpopProof() throws Exception {
            String[] client = apiClient(Map.of());
            DPoPKey key = DPoPKey.generate();
            HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUri()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", Api.basic(client[0], client[1]))
                    .header("DPoP", key.proof("POST", tokenUri(), c -> { }))
                    .header("DPoP", key.proof("POST", tokenUri(), c -> { }))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
            assertOAuthError(api.send(request), 400, "invalid_dpop_proof");
        }

        @Test
        @DisplayName("RFC 9449 §5: a public client's refresh token is bound: the same key refreshes, another key is invalid_grant")
        void requestWhenPublicClientRefreshesThenOnlyWithTheBoundKey() throws Exception {
            String[] client = webClient(true, "jwt");
            DPoPKey key = DPoPKey.generate();
            JsonNode tokens = codeTokens(client, key);
            assertThat(tokens.get("token_type").asText()).isEqualTo("DPoP");
            String refresh = tokens.get("refresh_token").asText();

            assertOAuthError(token(client, Map.of("grant_type", "refresh_token", "refresh_token", refresh),
                    DPoPKey.generate().proof("POST", tokenUri(), c -> { })), 400, "invalid_grant");
            assertOAuthError(token(client, Map.of("grant_type", "refresh_token", "refresh_token", refresh), null),
                    400, "invalid_grant");

            Api.Response refreshed = token(client, Map.of("grant_type", "refresh_token", "refresh_token", refresh),
                    key.proof("POST", tokenUri(), c -> { }));
            assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
            assertThat(refreshed.json().get("token_type").asText()).isEqualTo("DPoP");
            assertThat(SignedJWT.parse(refreshed.json().get("access_token").asText()).getJWTClaimsSet()
                    .getJSONObjectClaim("cnf")).containsEntry("jkt", key.jkt());
        }

        @Test
        @DisplayName("RFC 9449 §10: a code requested with dpop_jkt is redeemed only with a proof by that key")
        void requestWhenCodeBoundByDpopJktThenOtherKeyRefused() throws Exception {
            String[] client = webClient(true, "jwt");
            DPoPKey key = DPoPKey.generate();
            String email = "dpop-jkt-" + UUID.randomUUID() + "@example.jp";
            api.registerMember(email, PASSWORD, "DPoP Tester");
            CodeFlow.Result flow = CodeFlow.run(issuer, client[0], REDIRECT, email, PASSWORD, "openid email",
                    "&dpop_jkt=" + key.jkt());
            Map<String, String> redeem = Map.of("grant_type", "authorization_code", "code", flow.code(),
                    "redirect_uri", REDIRECT, "code_verifier", flow.verifier());
            assertOAuthError(token(client, redeem, DPoPKey.generate().proof("POST", tokenUri(), c -> { })), 400,
                    "invalid_grant");
            assertOAuthError(token(client, redeem, null), 400, "invalid_grant");
            Api.Response r = token(client, redeem, key.proof("POST", tokenUri(), c -> { }));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            assertThat(r.json().get("token_type").asText()).isEqualTo("DPoP");
        }

        @Test
        @DisplayName("RFC 9449 §10: a malformed dpop_jkt is invalid_request at the authorization endpoint")
        void requestWhenMalformedDpopJktThenInvalidRequest() throws Exception {
            String[] client = webClient(true, "jwt");
            Api.Response r = api.get("/oauth2/authorize?response_type=code&client_id=" + client[0]
                    + "&redirect_uri=" + java.net.URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                    + "&scope=openid&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                    + "&code_challenge_method=S256&dpop_jkt=not-a-thumbprint", null);
            assertThat(r.status()).isEqualTo(302);
            assertThat(Browser.queryOf(r.header("Location"))).containsEntry("error", "invalid_request");
        }

        @Test
        @DisplayName("RFC 9449 §5: a confidential client's refresh token is not bound; the new access token follows the new key")
        void requestWhenConfidentialClientRefreshesWithNewKeyThenAccepted() throws Exception {
            String[] client = webClient(false, "jwt");
            JsonNode tokens = codeTokens(client, DPoPKey.generate());
            DPoPKey other = DPoPKey.generate();
            Api.Response refreshed = token(client, Map.of("grant_type", "refresh_token", "refresh_token",
                    tokens.get("refresh_token").asText()), other.proof("POST", tokenUri(), c -> { }));
            assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
            assertThat(SignedJWT.parse(refreshed.json().get("access_token").asText()).getJWTClaimsSet()
                    .getJSONObjectClaim("cnf")).containsEntry("jkt", other.jkt());
        }
    }

    @Nested
    @DisplayName("dpop_bound_access_tokens and server nonces (RFC 9449 §5.2, §8)")
    class BoundClientsAndNonces {
        @Test
        @DisplayName("RFC 9449 §5.2: a client registered with dpop_bound_access_tokens must send a proof (invalid_request)")
        void requestWhenBoundClientWithoutProofThenInvalidRequest() throws Exception {
            String[] client = apiClient(Map.of("dpop_bound_access_tokens", true));
            assertOAuthError(token(client, clientCredentials(), null), 400, "invalid_request");
        }

        @Test
        @DisplayName("RFC 9449 §8: the nonce dance — use_dpop_nonce with a DPoP-Nonce header, then success with that nonce")
        void requestWhenBoundClientThenNonceDance() throws Exception {
            String[] client = apiClient(Map.of("dpop_bound_access_tokens", true));
            DPoPKey key = DPoPKey.generate();
            Api.Response first = token(client, clientCredentials(), key.proof("POST", tokenUri(), c -> { }));
            assertOAuthError(first, 400, "use_dpop_nonce");
            String nonce = first.header("DPoP-Nonce");
            assertThat(nonce).isNotBlank();

            Api.Response forged = token(client, clientCredentials(), key.proof("POST", tokenUri(),
                    c -> c.claim("nonce", nonce + "x")));
            assertOAuthError(forged, 400, "use_dpop_nonce");

            Api.Response second = token(client, clientCredentials(), key.proof("POST", tokenUri(),
                    c -> c.claim("nonce", nonce)));
            assertThat(second.status()).as(second.raw().body()).isEqualTo(200);
            assertThat(second.json().get("token_type").asText()).isEqualTo("DPoP");
        }

        @Test
        @DisplayName("RFC 9449 §5.2 / RFC 7591 §2: dpop_bound_access_tokens is registered by DCR and must be a boolean")
        void requestWhenRegisteredByDcrThenMetadataEchoed() throws Exception {
            Api.Response r = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of("client_name",
                    "DPoP DCR " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT), "dpop_bound_access_tokens", true));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            assertThat(r.json().get("dpop_bound_access_tokens").asBoolean()).isTrue();
            assertOAuthError(api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of("client_name", "x",
                    "redirect_uris", List.of(REDIRECT), "dpop_bound_access_tokens", "yes")), 400,
                    "invalid_client_metadata");
        }
    }

    @Nested
    @DisplayName("Protected resources and introspection (RFC 9449 §6.2, §7)")
    class Resources {
        @Test
        @DisplayName("RFC 9449 §7.1: UserInfo accepts Authorization: DPoP with a proof carrying ath; §7.2: the same token as Bearer is refused")
        void requestWhenDpopTokenAtUserInfoThenProofRequired() throws Exception {
            DPoPKey key = DPoPKey.generate();
            String access = codeTokens(webClient(false, "jwt"), key).get("access_token").asText();
            String userinfo = issuer + "/userinfo";

            Api.Response ok = userinfo("DPoP " + access, key.proof("GET", userinfo, c -> c.claim("ath", ath(access))));
            assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
            assertThat(ok.json().get("email").asText()).endsWith("@example.jp");

            Api.Response downgraded = userinfo("Bearer " + access, null);
            assertOAuthError(downgraded, 401, "invalid_token");
            assertThat(downgraded.raw().headers().allValues("WWW-Authenticate")).anyMatch(h -> h.startsWith("DPoP "));

            Api.Response noAth = userinfo("DPoP " + access, key.proof("GET", userinfo, c -> { }));
            assertOAuthError(noAth, 401, "invalid_dpop_proof");
            assertThat(noAth.header("WWW-Authenticate")).startsWith("DPoP ").contains("error=\"invalid_dpop_proof\"")
                    .contains("algs=\"ES256 PS256 RS256 EdDSA\"");

            assertOAuthError(userinfo("DPoP " + access, key.proof("POST", userinfo,
                    c -> c.claim("ath", ath(access)))), 401, "invalid_dpop_proof");
            assertOAuthError(userinfo("DPoP " + access, null), 401, "invalid_dpop_proof");

            DPoPKey thief = DPoPKey.generate();
            assertOAuthError(userinfo("DPoP " + access, thief.proof("GET", userinfo,
                    c -> c.claim("ath", ath(access)))), 401, "invalid_token");
        }

        @Test
        @DisplayName("RFC 9449 §9: a proof at UserInfo with a nonce the server never issued is use_dpop_nonce with a fresh DPoP-Nonce")
        void requestWhenUnknownNonceAtUserInfoThenUseDpopNonce() throws Exception {
            DPoPKey key = DPoPKey.generate();
            String access = codeTokens(webClient(false, "jwt"), key).get("access_token").asText();
            String userinfo = issuer + "/userinfo";
            Api.Response r = userinfo("DPoP " + access, key.proof("GET", userinfo,
                    c -> c.claim("ath", ath(access)).claim("nonce", "never-issued")));
            assertOAuthError(r, 401, "use_dpop_nonce");
            assertThat(r.header("WWW-Authenticate")).startsWith("DPoP ").contains("error=\"use_dpop_nonce\"");
            String nonce = r.header("DPoP-Nonce");
            assertThat(nonce).isNotBlank();
            Api.Response retried = userinfo("DPoP " + access, key.proof("GET", userinfo,
                    c -> c.claim("ath", ath(access)).claim("nonce", nonce)));
            assertThat(retried.status()).as(retried.raw().body()).isEqualTo(200);
        }

        @Test
        @DisplayName("RFC 9449 §7.1 / RFC 6750 §3.1: a valid DPoP token without openid is insufficient_scope in a DPoP challenge")
        void requestWhenDpopTokenLacksOpenidThenInsufficientScopeDpopChallenge() throws Exception {
            DPoPKey key = DPoPKey.generate();
            String access = token(apiClient(Map.of()), clientCredentials(), key.proof("POST", tokenUri(), c -> { }))
                    .json().get("access_token").asText();
            Api.Response r = userinfo("DPoP " + access, key.proof("GET", issuer + "/userinfo",
                    c -> c.claim("ath", ath(access))));
            assertOAuthError(r, 403, "insufficient_scope");
            assertThat(r.header("WWW-Authenticate"))
                    .isEqualTo("DPoP algs=\"ES256 PS256 RS256 EdDSA\", error=\"insufficient_scope\", scope=\"openid\"");
        }

        @Test
        @DisplayName("RFC 9449 §7.2: SCIM, a Bearer-only resource, refuses a DPoP-bound token")
        void requestWhenDpopBoundTokenAtScimThenInvalidToken() throws Exception {
            String[] client = apiClient(Map.of("scope", "scim"));
            Api.Response bound = token(client, Map.of("grant_type", "client_credentials", "scope", "scim"),
                    DPoPKey.generate().proof("POST", tokenUri(), c -> { }));
            assertThat(bound.json().get("token_type").asText()).isEqualTo("DPoP");
            Api.Response r = api.get("/scim/v2/Users", bound.json().get("access_token").asText());
            assertThat(r.status()).as(r.raw().body()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).contains("invalid_token");

            Api.Response bearer = token(client, Map.of("grant_type", "client_credentials", "scope", "scim"), null);
            assertThat(api.get("/scim/v2/Users", bearer.json().get("access_token").asText()).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("RFC 9449 §7.1: without credentials UserInfo offers the DPoP scheme and its algs beside Bearer")
        void requestWhenNoCredentialsThenDpopChallengeOffered() throws Exception {
            Api.Response r = userinfo(null, null);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(r.raw().headers().allValues("WWW-Authenticate"))
                    .contains("DPoP algs=\"ES256 PS256 RS256 EdDSA\"");
        }

        @Test
        @DisplayName("RFC 9449 §6.2: introspecting a DPoP-bound opaque token returns token_type DPoP and cnf.jkt; its refresh token stays unbound for a confidential client")
        void requestWhenIntrospectingBoundOpaqueTokenThenCnfJkt() throws Exception {
            String[] client = webClient(false, "opaque");
            DPoPKey key = DPoPKey.generate();
            JsonNode tokens = codeTokens(client, key);
            String access = tokens.get("access_token").asText();
            assertThat(access).doesNotContain(".");
            JsonNode introspection = api.postForm("/oauth2/introspect", client[0], client[1], Map.of("token", access))
                    .json();
            assertThat(introspection.get("active").asBoolean()).isTrue();
            assertThat(introspection.get("token_type").asText()).isEqualTo("DPoP");
            assertThat(introspection.at("/cnf/jkt").asText()).isEqualTo(key.jkt());

            Api.Response ok = userinfo("DPoP " + access, key.proof("GET", issuer + "/userinfo",
                    c -> c.claim("ath", ath(access))));
            assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
            assertOAuthError(userinfo("Bearer " + access, null), 401, "invalid_token");
        }

        @Test
        @DisplayName("RFC 9449 §5.1: discovery lists dpop_signing_alg_values_supported")
        void requestWhenDiscoveryThenDpopAlgs() throws Exception {
            JsonNode metadata = api.get("/.well-known/openid-configuration", null).json();
            assertThat(metadata.get("dpop_signing_alg_values_supported")).extracting(JsonNode::asText)
                    .containsExactly("ES256", "PS256", "RS256", "EdDSA");
        }
    }
}
