package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Encrypted ID tokens (OIDC Core §10.2) and signed / encrypted UserInfo responses (OIDC Core §5.3.2) for
 * clients that register the OIDC DCR §2 metadata. The test plays the relying party: it holds the
 * client's private RSA and EC keys, decrypts with Nimbus and verifies our signature against the
 * published JWKS only.
 */
@KizunaIntegrationTest
class ResponseProtectionIT {
    static final String REDIRECT = "https://protection.example.jp/cb";
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    HttpServer jwksServer;

    static final RSAKey RSA = generateRsa();
    static final ECKey EC = generateEc();

    static RSAKey generateRsa() {
        try {
            return new RSAKeyGenerator(2048).keyID("rp-rsa-enc").keyUse(KeyUse.ENCRYPTION).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("rp-ec-enc").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
    }

    @AfterEach
    void stopJwksServer() {
        if (jwksServer != null) {
            jwksServer.stop(0);
        }
    }

    static Map<String, Object> publicJwks(JWK... keys) {
        return new JWKSet(List.of(keys)).toJSONObject(true);
    }

    Api.Response register(Map<String, Object> extra) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "Protected RP " + UUID.randomUUID(),
                "redirect_uris", List.of(REDIRECT), "grant_types", List.of("authorization_code"),
                "scope", "openid email profile"));
        metadata.putAll(extra);
        return api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, metadata);
    }

    JsonNode registered(Map<String, Object> extra) throws Exception {
        Api.Response r = register(extra);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    CodeFlow.Result authorize(JsonNode client) throws Exception {
        String email = "protection-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Protection Tester");
        return CodeFlow.run(issuer, client.get("client_id").asText(), REDIRECT, email, PASSWORD, "openid email profile");
    }

    Api.Response redeem(JsonNode client, CodeFlow.Result flow) throws Exception {
        return api.postForm("/oauth2/token", client.get("client_id").asText(), client.get("client_secret").asText(),
                Map.of("grant_type", "authorization_code", "code", flow.code(), "redirect_uri", REDIRECT,
                        "code_verifier", flow.verifier()));
    }

    JsonNode tokens(JsonNode client) throws Exception {
        Api.Response r = redeem(client, authorize(client));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }

    /** Decrypts a nested JWT as the relying party does and checks our signature against the JWKS. */
    SignedJWT decryptNested(String value, JWEDecrypter decrypter, String kid) throws Exception {
        JWEObject jwe = JWEObject.parse(value);
        assertThat(jwe.getHeader().getContentType()).as("nested JWT (RFC 7519 §5.2)").isEqualTo("JWT");
        assertThat(jwe.getHeader().getKeyID()).isEqualTo(kid);
        jwe.decrypt(decrypter);
        SignedJWT signed = jwe.getPayload().toSignedJWT();
        assertThat(signed).isNotNull();
        assertThat(PublishedKeys.verifies(signed.serialize(), PublishedKeys.fetch(api))).isTrue();
        return signed;
    }

    @Test
    @DisplayName("OIDC Core §10.2: RSA-OAEP-256/A256GCM — the PS256-signed ID token comes nested in a JWE to the client's RSA key")
    void idTokenWhenRsaOaepThenSignedThenEncrypted() throws Exception {
        JsonNode client = registered(Map.of("jwks", publicJwks(RSA.toPublicJWK()),
                "id_token_signed_response_alg", "PS256",
                "id_token_encrypted_response_alg", "RSA-OAEP-256", "id_token_encrypted_response_enc", "A256GCM"));
        assertThat(client.get("id_token_encrypted_response_alg").asText()).isEqualTo("RSA-OAEP-256");
        assertThat(client.get("id_token_encrypted_response_enc").asText()).isEqualTo("A256GCM");

        String idToken = tokens(client).get("id_token").asText();
        JWEObject jwe = JWEObject.parse(idToken);
        assertThat(jwe.getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.RSA_OAEP_256);
        assertThat(jwe.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A256GCM);
        SignedJWT signed = decryptNested(idToken, new RSADecrypter(RSA), "rp-rsa-enc");
        assertThat(signed.getHeader().getAlgorithm().getName()).isEqualTo("PS256");
        JWTClaimsSet claims = signed.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getAudience()).containsExactly(client.get("client_id").asText());
        assertThat(claims.getStringClaim("at_hash")).isNotBlank();
    }

    @Test
    @DisplayName("OIDC DCR §2 / OIDC Core §10.2: ECDH-ES alone defaults enc to A128CBC-HS256; the EC key (no use) decrypts the RS256 ID token")
    void idTokenWhenEcdhEsWithoutEncThenA128CbcHs256() throws Exception {
        JsonNode client = registered(Map.of("jwks", publicJwks(EC.toPublicJWK()),
                "id_token_encrypted_response_alg", "ECDH-ES"));
        assertThat(client.get("id_token_encrypted_response_enc").asText()).isEqualTo("A128CBC-HS256");
        String idToken = tokens(client).get("id_token").asText();
        assertThat(JWEObject.parse(idToken).getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A128CBC_HS256);
        SignedJWT signed = decryptNested(idToken, new ECDHDecrypter(EC), "rp-ec-enc");
        assertThat(signed.getHeader().getAlgorithm().getName()).as("OIDC DCR §2 default").isEqualTo("RS256");
    }

    @Test
    @DisplayName("OIDC Core §5.3.2: without userinfo metadata UserInfo is plain JSON; with userinfo_signed_response_alg it is an application/jwt signed JWT with iss and aud")
    void userinfoWhenSignedThenJwtWithIssAndAud() throws Exception {
        JsonNode plain = registered(Map.of());
        Api.Response json = api.get("/userinfo", tokens(plain).get("access_token").asText());
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.json().get("sub").asText()).isNotBlank();

        JsonNode client = registered(Map.of("userinfo_signed_response_alg", "ES256"));
        assertThat(client.get("userinfo_signed_response_alg").asText()).isEqualTo("ES256");
        Api.Response signed = api.get("/userinfo", tokens(client).get("access_token").asText());
        assertThat(signed.status()).as(signed.raw().body()).isEqualTo(200);
        assertThat(signed.header("Content-Type")).startsWith("application/jwt");
        assertThat(signed.header("Cache-Control")).contains("no-store");
        SignedJWT jwt = SignedJWT.parse(signed.raw().body());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(PublishedKeys.verifies(signed.raw().body(), PublishedKeys.fetch(api))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(issuer);
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(client.get("client_id").asText());
        assertThat(jwt.getJWTClaimsSet().getStringClaim("email")).startsWith("protection-");
    }

    @Test
    @DisplayName("OIDC Core §5.3.2: signed and encrypted UserInfo is a nested JWT (ECDH-ES+A128KW/A128GCM); encrypted only is a JWE of the JSON claims (RSA-OAEP-256)")
    void userinfoWhenEncryptedThenJwe() throws Exception {
        JsonNode nested = registered(Map.of("jwks", publicJwks(EC.toPublicJWK()),
                "userinfo_signed_response_alg", "RS256", "userinfo_encrypted_response_alg", "ECDH-ES+A128KW",
                "userinfo_encrypted_response_enc", "A128GCM"));
        Api.Response r = api.get("/userinfo", tokens(nested).get("access_token").asText());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/jwt");
        assertThat(JWEObject.parse(r.raw().body()).getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.ECDH_ES_A128KW);
        SignedJWT signed = decryptNested(r.raw().body(), new ECDHDecrypter(EC), "rp-ec-enc");
        assertThat(signed.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(signed.getJWTClaimsSet().getAudience()).containsExactly(nested.get("client_id").asText());

        JsonNode encryptedOnly = registered(Map.of("jwks", publicJwks(RSA.toPublicJWK()),
                "userinfo_encrypted_response_alg", "RSA-OAEP-256"));
        Api.Response e = api.get("/userinfo", tokens(encryptedOnly).get("access_token").asText());
        assertThat(e.status()).as(e.raw().body()).isEqualTo(200);
        JWEObject jwe = JWEObject.parse(e.raw().body());
        assertThat(jwe.getHeader().getContentType()).as("not nested").isNull();
        assertThat(jwe.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A128CBC_HS256);
        jwe.decrypt(new RSADecrypter(RSA));
        JWTClaimsSet claims = JWTClaimsSet.parse(jwe.getPayload().toJSONObject());
        assertThat(claims.getSubject()).isNotBlank();
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getAudience()).containsExactly(encryptedOnly.get("client_id").asText());
    }

    @Test
    @DisplayName("OIDC DCR §2 / RFC 7591 §3.2.2: unusable protection metadata is invalid_client_metadata and nothing is registered")
    void registerWhenBadProtectionMetadataThenInvalidClientMetadata() throws Exception {
        int before = jdbc.queryForObject("SELECT count(*) FROM oauth_client", Integer.class);
        Map<String, Object> rsa = publicJwks(RSA.toPublicJWK());
        assertOAuthError(register(Map.of("jwks", rsa, "id_token_encrypted_response_enc", "A128GCM")), 400,
                "invalid_client_metadata");
        assertOAuthError(register(Map.of("jwks", rsa, "id_token_encrypted_response_alg", "RSA1_5")), 400,
                "invalid_client_metadata");
        assertOAuthError(register(Map.of("jwks", rsa, "id_token_encrypted_response_alg", "RSA-OAEP-256",
                "id_token_encrypted_response_enc", "A192GCM")), 400, "invalid_client_metadata");
        Api.Response noKeys = register(Map.of("id_token_encrypted_response_alg", "RSA-OAEP-256"));
        assertOAuthError(noKeys, 400, "invalid_client_metadata");
        assertThat(noKeys.json().get("error_description").asText()).contains("jwks");
        assertOAuthError(register(Map.of("jwks", publicJwks(EC.toPublicJWK()),
                "userinfo_encrypted_response_alg", "RSA-OAEP-256")), 400, "invalid_client_metadata");
        RSAKey signingOnly = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).generate();
        assertOAuthError(register(Map.of("jwks", publicJwks(signingOnly.toPublicJWK()),
                "id_token_encrypted_response_alg", "RSA-OAEP-256")), 400, "invalid_client_metadata");
        assertOAuthError(register(Map.of("jwks", rsa, "jwks_uri", "https://rp.example.jp/jwks")), 400,
                "invalid_client_metadata");
        assertOAuthError(register(Map.of("jwks_uri", "ftp://rp.example.jp/jwks",
                "id_token_encrypted_response_alg", "RSA-OAEP-256")), 400, "invalid_client_metadata");
        assertOAuthError(register(Map.of("userinfo_signed_response_alg", "none")), 400, "invalid_client_metadata");
        // a private key is never accepted (it would be a leaked key)
        assertOAuthError(register(Map.of("jwks", new JWKSet(RSA).toJSONObject(false))), 400, "invalid_client_metadata");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oauth_client", Integer.class))
                .as("every refused registration rolled back").isEqualTo(before);
    }

    int serveJwks(AtomicBoolean up, AtomicInteger fetches, JWK key) throws Exception {
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new JWKSet(key.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
        jwksServer.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            if (up.get()) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(503, -1);
            }
            exchange.close();
        });
        jwksServer.start();
        return jwksServer.getAddress().getPort();
    }

    @Test
    @DisplayName("OIDC Core §10.2 with RFC 7591 §2 jwks_uri: the key is fetched (and cached); while the jwks_uri fails the token endpoint answers invalid_client, not 500, and the code stays redeemable")
    void idTokenWhenJwksUriThenFetchedAndFailureIsInvalidClient() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        AtomicInteger fetches = new AtomicInteger();
        int port = serveJwks(up, fetches, RSA);
        JsonNode client = registered(Map.of("jwks_uri", "http://127.0.0.1:" + port + "/jwks",
                "id_token_encrypted_response_alg", "RSA-OAEP-256", "id_token_encrypted_response_enc", "A128GCM"));
        assertThat(client.get("jwks_uri").asText()).endsWith("/jwks");
        CodeFlow.Result flow = authorize(client);

        Api.Response refused = redeem(client, flow);
        assertOAuthError(refused, 400, "invalid_client");
        assertThat(refused.json().get("error_description").asText()).contains("jwks_uri");
        assertThat(fetches.get()).isEqualTo(1);

        up.set(true);
        Api.Response accepted = redeem(client, flow);
        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
        decryptNested(accepted.json().get("id_token").asText(), new RSADecrypter(RSA), "rp-rsa-enc");
        int afterSuccess = fetches.get();
        JsonNode again = tokens(client);
        decryptNested(again.get("id_token").asText(), new RSADecrypter(RSA), "rp-rsa-enc");
        assertThat(fetches.get()).as("the client's JWK set is cached").isEqualTo(afterSuccess);
    }

    @Test
    @DisplayName("OIDC Core §10.2 with jwks_uri: a client that adds an EC key and switches to ECDH-ES (RFC 7592 §2.2) is served at once, not after the cache expires")
    void idTokenWhenJwksUriGainsKeyThenRefetchedOnMiss() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<byte[]> document = new java.util.concurrent.atomic.AtomicReference<>(
                new JWKSet(RSA.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8));
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/keys", exchange -> {
            fetches.incrementAndGet();
            byte[] body = document.get();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwksServer.start();
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "Rotating RP " + UUID.randomUUID(),
                "redirect_uris", List.of(REDIRECT), "scope", "openid email profile",
                "jwks_uri", "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/keys",
                "id_token_encrypted_response_alg", "RSA-OAEP-256"));
        JsonNode client = registered(metadata);
        decryptNested(tokens(client).get("id_token").asText(), new RSADecrypter(RSA), "rp-rsa-enc");
        assertThat(fetches.get()).isEqualTo(1);

        document.set(new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK())).toString(true)
                .getBytes(StandardCharsets.UTF_8));
        metadata.put("client_id", client.get("client_id").asText());
        metadata.put("id_token_encrypted_response_alg", "ECDH-ES");
        Api.Response updated = api.putJson("/oauth2/register/" + client.get("client_id").asText(),
                client.get("registration_access_token").asText(), metadata);
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        Map<String, String> withSecret = Map.of("client_id", client.get("client_id").asText(),
                "client_secret", client.get("client_secret").asText());
        JsonNode tokens = tokens(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(withSecret));
        decryptNested(tokens.get("id_token").asText(), new ECDHDecrypter(EC), "rp-ec-enc");
        assertThat(fetches.get()).as("one refetch for the missing EC key").isEqualTo(2);
    }

    @Test
    @DisplayName("OIDC Core §10.2: a jwks_uri nobody listens on gets invalid_client at the token endpoint within the fetch timeout")
    void idTokenWhenJwksUriUnreachableThenInvalidClient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        JsonNode client = registered(Map.of("jwks_uri", "http://127.0.0.1:" + closedPort + "/jwks",
                "id_token_encrypted_response_alg", "ECDH-ES"));
        Api.Response refused = redeem(client, authorize(client));
        assertOAuthError(refused, 400, "invalid_client");
    }

    @Test
    @DisplayName("RFC 7592 §2.2: an update without the protection members turns encryption off again")
    void updateWhenMembersOmittedThenPlainAgain() throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "Protected update " + UUID.randomUUID(),
                "redirect_uris", List.of(REDIRECT), "scope", "openid email",
                "jwks", publicJwks(RSA.toPublicJWK()), "id_token_encrypted_response_alg", "RSA-OAEP-256",
                "userinfo_signed_response_alg", "PS256"));
        JsonNode client = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, metadata).json();
        String clientId = client.get("client_id").asText();
        String management = client.get("registration_access_token").asText();
        Api.Response read = api.get("/oauth2/register/" + clientId, management);
        assertThat(read.json().get("userinfo_signed_response_alg").asText()).isEqualTo("PS256");
        assertThat(read.json().get("id_token_encrypted_response_alg").asText()).isEqualTo("RSA-OAEP-256");

        metadata.put("client_id", clientId);
        metadata.remove("id_token_encrypted_response_alg");
        metadata.remove("userinfo_signed_response_alg");
        Api.Response updated = api.putJson("/oauth2/register/" + clientId, management, metadata);
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        assertThat(updated.json().has("id_token_encrypted_response_alg")).isFalse();
        assertThat(updated.json().has("userinfo_signed_response_alg")).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype LIKE '%ClientResponseProtectionChanged'", Integer.class, clientId)).isEqualTo(2);

        metadata.remove("jwks");
        metadata.put("userinfo_encrypted_response_alg", "RSA-OAEP-256");
        assertOAuthError(api.putJson("/oauth2/register/" + clientId, management, metadata), 400,
                "invalid_client_metadata");
    }

    @Test
    @DisplayName("admin API: registration with the OIDC DCR §2 members (ECDH-ES+A256KW ID tokens) and PUT /admin/api/clients/{id}/response-protection")
    void adminApiWhenProtectionThenRecordedAndReplaced() throws Exception {
        Api.Response registered = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Protected admin RP " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code"), "scope", "openid email profile",
                "jwks", publicJwks(EC.toPublicJWK()), "id_token_encrypted_response_alg", "ECDH-ES+A256KW",
                "id_token_encrypted_response_enc", "A256GCM"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        assertThat(registered.json().get("id_token_encrypted_response_alg").asText()).isEqualTo("ECDH-ES+A256KW");
        String clientId = registered.json().get("client_id").asText();
        String idToken = tokens(registered.json()).get("id_token").asText();
        assertThat(JWEObject.parse(idToken).getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.ECDH_ES_A256KW);
        assertThat(decryptNested(idToken, new ECDHDecrypter(EC), "rp-ec-enc").getJWTClaimsSet().getAudience())
                .containsExactly(clientId);

        Api.Response changed = api.putJson("/admin/api/clients/" + clientId + "/response-protection", Api.ADMIN_TOKEN,
                Map.of("userinfo_signed_response_alg", "EdDSA"));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(changed.json().get("userinfo_signed_response_alg").asText()).isEqualTo("EdDSA");
        assertThat(changed.json().has("id_token_encrypted_response_alg")).as("omitted → off").isFalse();
        String plainIdToken = tokens(registered.json()).get("id_token").asText();
        assertThat(plainIdToken.split("\\.")).as("a JWS again (3 parts), not a JWE (5)").hasSize(3);
        assertThat(PublishedKeys.verifies(plainIdToken, PublishedKeys.fetch(api))).isTrue();
        assertOAuthError(api.putJson("/admin/api/clients/" + clientId + "/response-protection", Api.ADMIN_TOKEN,
                Map.of("userinfo_encrypted_response_alg", "RSA-OAEP-256")), 400, "invalid_client_metadata");
        assertOAuthError(api.putJson("/admin/api/clients/no-such-client/response-protection", Api.ADMIN_TOKEN,
                Map.of()), 404, "invalid_request");
    }

    @Test
    @DisplayName("OIDC Discovery §3: the ID token and UserInfo encryption and signing algorithms are advertised")
    void discoveryAdvertisesProtectionAlgorithms() throws Exception {
        JsonNode m = api.get("/.well-known/openid-configuration", null).json();
        assertThat(m.get("id_token_encryption_alg_values_supported").toString()).contains("RSA-OAEP-256", "ECDH-ES");
        assertThat(m.get("id_token_encryption_enc_values_supported").toString())
                .contains("A128CBC-HS256", "A128GCM", "A256GCM");
        assertThat(m.get("userinfo_signing_alg_values_supported").toString()).contains("RS256", "ES256");
        assertThat(m.get("userinfo_encryption_alg_values_supported").toString()).contains("RSA-OAEP-256");
        assertThat(m.get("userinfo_encryption_enc_values_supported").toString()).contains("A256GCM");
        assertThat(m.get("id_token_encryption_alg_values_supported").toString()).doesNotContain("RSA1_5");
    }
}
