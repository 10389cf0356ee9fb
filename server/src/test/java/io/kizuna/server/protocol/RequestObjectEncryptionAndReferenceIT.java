package io.kizuna.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import io.kizuna.signingkey.SigningKeys;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Request objects encrypted to the server (RFC 9101 §6.1, OIDC Core §6.1, §10.2) and passed by reference
 * from a client's registered request_uris (RFC 9101 §5.2, OIDC Core §6.2), end to end over HTTP: the
 * client's request objects are served by a small loopback HTTP server of the test.
 */
@KizunaIntegrationTest
class RequestObjectEncryptionAndReferenceIT {
    static final String REDIRECT = "https://jar.example.jp/cb";
    static final String PASSWORD = "correct horse battery staple 9101";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    SigningKeys signingKeys;

    Api api;
    String email;
    ECKey key;
    HttpServer server;
    int port;
    /** path → (content type, body); "/redirect" answers 302 */
    final Map<String, String[]> served = new ConcurrentHashMap<>();
    final AtomicInteger fetches = new AtomicInteger();
    /** "/stall" answers only once this opens (at tear-down): a URL that never answers */
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        email = "jar-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "JAR Tester");
        key = new ECKeyGenerator(Curve.P_256).keyID("jar-enc-1").keyUse(KeyUse.SIGNATURE).generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            fetches.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/stall")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(503, -1);
            } else if (path.equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "http://localhost:" + port + "/ro/1");
                exchange.sendResponseHeaders(302, -1);
            } else if (served.containsKey(path)) {
                byte[] body = served.get(path)[1].getBytes(StandardCharsets.US_ASCII);
                exchange.getResponseHeaders().add("Content-Type", served.get(path)[0]);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        server.stop(0);
    }

    String local(String path) {
        return "http://localhost:" + port + path;
    }

    /** A private_key_jwt client with the test's signing key and the given request-object metadata. */
    String client(List<String> requestUris, String encryptionAlg) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of(
                "client_name", "JAR client " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code"), "scope", "openid profile",
                "token_endpoint_auth_method", "private_key_jwt",
                "jwks", new JWKSet(key.toPublicJWK()).toJSONObject(true), "request_uris", requestUris));
        if (encryptionAlg != null) {
            metadata.put("request_object_encryption_alg", encryptionAlg);
        }
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("client_id").asText();
    }

    String signed(String clientId, String state) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).audience(issuer).claim("client_id", clientId)
                .claim("response_type", "code").claim("redirect_uri", REDIRECT).claim("scope", "openid profile")
                .claim("state", state).claim("nonce", "n-" + state).claim("code_challenge", Pkce.generate().challenge())
                .claim("code_challenge_method", "S256").issueTime(new Date()).notBeforeTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 300_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(new JOSEObjectType("oauth-authz-req+jwt")).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /** The server's published encryption key of this type, as a client finds it in the JWKS (RFC 7517 §4.2). */
    JWK serverEncryptionKey(Class<? extends JWK> type) throws Exception {
        return PublishedKeys.fetch(api).getKeys().stream()
                .filter(k -> KeyUse.ENCRYPTION.equals(k.getKeyUse()) && type.isInstance(k)).findFirst().orElseThrow();
    }

    static String encrypt(String signedJwt, JWK to, String alg, String enc) throws Exception {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.parse(alg), EncryptionMethod.parse(enc))
                .keyID(to.getKeyID()).contentType("JWT").build(), new Payload(signedJwt));
        jwe.encrypt(to instanceof RSAKey rsa ? new RSAEncrypter(rsa) : new ECDHEncrypter((ECKey) to));
        return jwe.serialize();
    }

    HttpResponse<String> authorize(Browser browser, String clientId, String name, String value) throws Exception {
        return browser.get("/oauth2/authorize?client_id=" + clientId + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&state=outer&" + name + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    Map<String, String> error(HttpResponse<String> r, String code) {
        Map<String, String> query = Browser.queryOf(r.headers().firstValue("Location").orElseThrow());
        assertThat(query).containsEntry("error", code).containsEntry("state", "outer");
        assertThat(query.get("error_description")).isNotBlank();
        return query;
    }

    @Nested
    @DisplayName("RFC 9101 §6.1, OIDC Core §6.1: request objects signed, then encrypted to the server")
    class Encrypted {
        @Test
        @DisplayName("RFC 9101 §6.1: by value, RSA-OAEP-256 + A256GCM to the server's published RSA enc key — the flow completes with the object's state")
        void requestWhenEncryptedByValueThenFlowCompletes() throws Exception {
            String clientId = client(List.of(), null);
            String object = encrypt(signed(clientId, "rsa-enc"), serverEncryptionKey(RSAKey.class), "RSA-OAEP-256", "A256GCM");
            Browser browser = new Browser(issuer);
            Map<String, String> response = CodeFlow.complete(browser, authorize(browser, clientId, "request", object),
                    email, PASSWORD);
            assertThat(response).containsEntry("state", "rsa-enc").containsKey("code");
        }

        @Test
        @DisplayName("RFC 9126 §3 with RFC 9101 §6.1: an ECDH-ES + A128CBC-HS256 object pushed to PAR gives a request_uri that completes the flow")
        void requestWhenEncryptedPushedThenFlowCompletes() throws Exception {
            String clientId = client(List.of(), "ECDH-ES");
            String object = encrypt(signed(clientId, "ec-par"), serverEncryptionKey(ECKey.class), "ECDH-ES", "A128CBC-HS256");
            String assertion = ClientAssertionIT.sign(new ECDSASigner(key), JWSAlgorithm.ES256, key.getKeyID(),
                    new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(issuer)
                            .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                            .jwtID(UUID.randomUUID().toString()).build());
            Api.Response pushed = api.postForm("/oauth2/par", null, null, Map.of("client_id", clientId,
                    "client_assertion_type", ClientAssertionIT.JWT_BEARER, "client_assertion", assertion,
                    "request", object));
            assertThat(pushed.status()).as(pushed.raw().body()).isEqualTo(201);
            Browser browser = new Browser(issuer);
            Map<String, String> response = CodeFlow.complete(browser, browser.get("/oauth2/authorize?client_id="
                    + clientId + "&request_uri=" + URLEncoder.encode(pushed.json().get("request_uri").asText(),
                    StandardCharsets.UTF_8)), email, PASSWORD);
            assertThat(response).containsEntry("state", "ec-par");
        }

        @Test
        @DisplayName("OIDC Core §6.1, OIDC DCR §2: a client that registered request_object_encryption_alg gets invalid_request_object for a signed-only object")
        void requestWhenEncryptionRegisteredAndPlainSignedThenRefused() throws Exception {
            String clientId = client(List.of(), "RSA-OAEP-256");
            assertThat(error(authorize(new Browser(issuer), clientId, "request", signed(clientId, "plain")),
                    "invalid_request_object").get("error_description")).contains("encrypted");
        }

        @Test
        @DisplayName("RFC 9101 §6.1: an object encrypted to a key that is not the server's, or with RSA-OAEP (SHA-1), is invalid_request_object")
        void requestWhenUndecryptableThenInvalidRequestObject() throws Exception {
            String clientId = client(List.of(), null);
            ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("stranger").keyUse(KeyUse.ENCRYPTION).generate();
            error(authorize(new Browser(issuer), clientId, "request",
                    encrypt(signed(clientId, "x"), stranger, "ECDH-ES", "A128GCM")), "invalid_request_object");
            String sha1 = encrypt(signed(clientId, "x"), serverEncryptionKey(RSAKey.class), "RSA-OAEP", "A128GCM");
            assertThat(error(authorize(new Browser(issuer), clientId, "request", sha1), "invalid_request_object")
                    .get("error_description")).contains("RSA-OAEP");
        }

        @Test
        @DisplayName("OIDC Core §10.1.1, RFC 9101 §6.1: after rotating the ECDH-ES key, an object encrypted to the previous kid still decrypts during the overlap")
        void requestWhenEncryptionKeyRotatedThenPreviousKeyStillDecrypts() throws Exception {
            String clientId = client(List.of(), null);
            JWK before = serverEncryptionKey(ECKey.class);
            Api.Response rotated = api.postJson("/admin/api/signing-keys/rotate", Api.ADMIN_TOKEN, Map.of("alg", "ECDH-ES"));
            assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(201);
            String newKid = rotated.json().get("kid").asText();
            JWKSet jwks = PublishedKeys.fetch(api);
            assertThat(jwks.getKeyByKeyId(newKid).getKeyUse()).isEqualTo(KeyUse.ENCRYPTION);
            assertThat(jwks.getKeyByKeyId(before.getKeyID())).as("the previous key stays published").isNotNull();
            Browser browser = new Browser(issuer);
            Map<String, String> response = CodeFlow.complete(browser, authorize(browser, clientId, "request",
                    encrypt(signed(clientId, "old-key"), before, "ECDH-ES+A128KW", "A128GCM")), email, PASSWORD);
            assertThat(response).containsEntry("state", "old-key");
        }
    }

    @Nested
    @DisplayName("RFC 9101 §5.2, OIDC Core §6.2: request_uri by reference to the client's registered URL")
    class ByReference {
        @Test
        @DisplayName("OIDC Core §6.2: a registered request_uri is fetched (fragment ignored) and its signed object is the request")
        void requestWhenRegisteredRequestUriThenFetchedAndFlowCompletes() throws Exception {
            String clientId = client(List.of(local("/ro/1#sha256-of-content")), null);
            served.put("/ro/1", new String[] {"application/oauth-authz-req+jwt", signed(clientId, "by-reference")});
            Browser browser = new Browser(issuer);
            Map<String, String> response = CodeFlow.complete(browser,
                    authorize(browser, clientId, "request_uri", local("/ro/1")), email, PASSWORD);
            assertThat(response).containsEntry("state", "by-reference").containsKey("code");
            assertThat(fetches.get()).isEqualTo(1);
        }

        @Test
        @DisplayName("RFC 9101 §5.2 with §6.1: a signed-then-encrypted object served as application/jwt is fetched and decrypted")
        void requestWhenEncryptedObjectByReferenceThenFlowCompletes() throws Exception {
            String clientId = client(List.of(local("/ro/enc")), "ECDH-ES");
            served.put("/ro/enc", new String[] {"application/jwt; charset=us-ascii",
                    encrypt(signed(clientId, "enc-ref"), serverEncryptionKey(ECKey.class), "ECDH-ES", "A256GCM")});
            Browser browser = new Browser(issuer);
            assertThat(CodeFlow.complete(browser, authorize(browser, clientId, "request_uri", local("/ro/enc")),
                    email, PASSWORD)).containsEntry("state", "enc-ref");
        }

        @Test
        @DisplayName("OIDC Core §6.2: a request_uri the client did not register — even under a registered one as prefix — is invalid_request_uri and never fetched")
        void requestWhenUnregisteredRequestUriThenRefusedWithoutFetch() throws Exception {
            String clientId = client(List.of(local("/ro/1")), null);
            served.put("/ro/12", new String[] {"application/oauth-authz-req+jwt", signed(clientId, "x")});
            error(authorize(new Browser(issuer), clientId, "request_uri", local("/ro/12")), "invalid_request_uri");
            error(authorize(new Browser(issuer), clientId, "request_uri", local("/ro/1/x")), "invalid_request_uri");
            assertThat(fetches.get()).isZero();
        }

        @Test
        @DisplayName("RFC 9101 §10.4.1: a redirect is not followed — invalid_request_uri")
        void requestWhenRedirectThenInvalidRequestUri() throws Exception {
            String clientId = client(List.of(local("/redirect")), null);
            served.put("/ro/1", new String[] {"application/oauth-authz-req+jwt", signed(clientId, "x")});
            assertThat(error(authorize(new Browser(issuer), clientId, "request_uri", local("/redirect")),
                    "invalid_request_uri").get("error_description")).contains("redirect");
            assertThat(fetches.get()).as("only the redirecting URL was requested").isEqualTo(1);
        }

        @Test
        @DisplayName("RFC 9101 §10.4.1: a request_uri that does not answer within kizuna.request-uri.timeout (2 s) is invalid_request_uri")
        void requestWhenNoAnswerThenInvalidRequestUriAfterTimeout() throws Exception {
            String clientId = client(List.of(local("/stall")), null);
            assertThat(error(authorize(new Browser(issuer), clientId, "request_uri", local("/stall")),
                    "invalid_request_uri").get("error_description")).contains("did not answer within 2000 ms");
        }

        @Test
        @DisplayName("RFC 9101 §10.4.1: a request object larger than the size limit (64 KiB) is invalid_request_uri")
        void requestWhenOversizeThenInvalidRequestUri() throws Exception {
            String clientId = client(List.of(local("/big")), null);
            served.put("/big", new String[] {"application/oauth-authz-req+jwt", "a".repeat(70_000)});
            assertThat(error(authorize(new Browser(issuer), clientId, "request_uri", local("/big")),
                    "invalid_request_uri").get("error_description")).contains("larger than");
        }

        @Test
        @DisplayName("RFC 9101 §5.2: a response that is not application/oauth-authz-req+jwt or application/jwt, or not 200, is invalid_request_uri")
        void requestWhenWrongContentTypeOrStatusThenInvalidRequestUri() throws Exception {
            String clientId = client(List.of(local("/html"), local("/missing")), null);
            served.put("/html", new String[] {"text/html", signed(clientId, "x")});
            assertThat(error(authorize(new Browser(issuer), clientId, "request_uri", local("/html")),
                    "invalid_request_uri").get("error_description")).contains("text/html");
            assertThat(error(authorize(new Browser(issuer), clientId, "request_uri", local("/missing")),
                    "invalid_request_uri").get("error_description")).contains("404");
        }

        @Test
        @DisplayName("RFC 9101 §10.4.1 (SSRF): a registered URL on a loopback address whose host is not in kizuna.request-uri.allowed-hosts is refused without a connection")
        void requestWhenPrivateAddressNotAllowListedThenRefused() throws Exception {
            String loopback = "http://127.0.0.1:" + port + "/ro/1";
            String clientId = client(List.of(loopback), null);
            served.put("/ro/1", new String[] {"application/oauth-authz-req+jwt", signed(clientId, "x")});
            assertThat(error(authorize(new Browser(issuer), clientId, "request_uri", loopback), "invalid_request_uri")
                    .get("error_description")).contains("loopback");
            assertThat(fetches.get()).isZero();
        }

        @Test
        @DisplayName("OIDC DCR §2, RFC 7592 §2.1: request_uris and request_object_encryption_alg/enc registered dynamically are read back; http is refused without kizuna.request-uri.allow-http only")
        void registrationWhenRequestObjectMetadataThenReadBack() throws Exception {
            Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "DCR JAR " + UUID.randomUUID(),
                    "redirect_uris", List.of(REDIRECT), "token_endpoint_auth_method", "private_key_jwt",
                    "jwks", new JWKSet(key.toPublicJWK()).toJSONObject(true), "grant_types", List.of("authorization_code"),
                    "request_uris", List.of("https://rp.example.jp/ro/1#hash"),
                    "request_object_encryption_alg", "RSA-OAEP-256"));
            Api.Response registered = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, metadata);
            assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
            JsonNode read = api.get("/oauth2/register/" + registered.json().get("client_id").asText(),
                    registered.json().get("registration_access_token").asText()).json();
            assertThat(read.get("request_uris").get(0).asText()).isEqualTo("https://rp.example.jp/ro/1#hash");
            assertThat(read.get("request_object_encryption_alg").asText()).isEqualTo("RSA-OAEP-256");
            assertThat(read.get("request_object_encryption_enc").asText()).as("OIDC DCR §2 default").isEqualTo("A128CBC-HS256");

            metadata.put("request_uris", List.of("ftp://rp.example.jp/ro"));
            Api.Response bad = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, metadata);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("error").asText()).isEqualTo("invalid_client_metadata");
        }

        @Test
        @DisplayName("Admin API: PUT /admin/api/clients/{id}/request-object-settings replaces the request-object metadata")
        void adminApiWhenSettingsReplacedThenEffective() throws Exception {
            String clientId = client(List.of(), null);
            Api.Response put = api.putJson("/admin/api/clients/" + clientId + "/request-object-settings", Api.ADMIN_TOKEN,
                    Map.of("request_uris", List.of(local("/ro/admin")), "request_object_encryption_alg", "ECDH-ES",
                            "request_object_encryption_enc", "A256GCM"));
            assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
            assertThat(put.json().get("request_object_encryption_enc").asText()).isEqualTo("A256GCM");
            served.put("/ro/admin", new String[] {"application/oauth-authz-req+jwt", signed(clientId, "x")});
            assertThat(error(authorize(new Browser(issuer), clientId, "request_uri", local("/ro/admin")),
                    "invalid_request_object").get("error_description")).as("now encryption is required").contains("encrypted");
            Api.Response bad = api.putJson("/admin/api/clients/" + clientId + "/request-object-settings", Api.ADMIN_TOKEN,
                    Map.of("request_object_encryption_enc", "A256GCM"));
            assertThat(bad.status()).isEqualTo(400);
        }
    }

    @Test
    @DisplayName("RFC 7517 §4.2, OIDC Discovery §3: the JWKS publishes RSA and P-256 use=enc keys with their own kid; discovery names the request-object encryption algorithms; signing never uses them")
    void jwksWhenReadThenEncryptionKeysPublishedAndNeverUsedForSigning() throws Exception {
        JWKSet jwks = PublishedKeys.fetch(api);
        List<JWK> enc = jwks.getKeys().stream().filter(k -> KeyUse.ENCRYPTION.equals(k.getKeyUse())).toList();
        assertThat(enc).anySatisfy(k -> assertThat(k).isInstanceOf(RSAKey.class));
        assertThat(enc).anySatisfy(k -> assertThat(k).isInstanceOfSatisfying(ECKey.class,
                ec -> assertThat(ec.getCurve()).isEqualTo(Curve.P_256)));
        for (JWK k : enc) {
            assertThat(k.getKeyID()).isNotBlank();
            assertThat(k.isPrivate()).isFalse();
            assertThat(signingKeys.publishedKey(k.getKeyID())).as("never a verification key").isEmpty();
        }
        assertThat(signingKeys.decryptionKeys()).extracting(JWK::getKeyID)
                .containsAll(enc.stream().map(JWK::getKeyID).toList());
        JsonNode metadata = api.get("/.well-known/openid-configuration", null).json();
        assertThat(metadata.get("request_object_encryption_alg_values_supported").toString())
                .contains("RSA-OAEP-256", "ECDH-ES").doesNotContain("RSA1_5");
        assertThat(metadata.get("request_object_encryption_enc_values_supported").toString())
                .contains("A128CBC-HS256", "A128GCM", "A256GCM");
        assertThat(metadata.get("request_uri_parameter_supported").asBoolean()).isTrue();
        assertThat(metadata.get("require_request_uri_registration").asBoolean()).isTrue();
        assertThat(metadata.get("id_token_signing_alg_values_supported").toString())
                .doesNotContain("RSA-OAEP-256").doesNotContain("ECDH-ES");
        // every token the server signs names a use=sig key
        String[] apiClient = api.registerApiClient();
        String token = api.postForm("/oauth2/token", apiClient[0], apiClient[1], Map.of("grant_type", "client_credentials"))
                .json().get("access_token").asText();
        String kid = SignedJWT.parse(token).getHeader().getKeyID();
        assertThat(jwks.getKeyByKeyId(kid).getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(PublishedKeys.verifies(token, jwks)).isTrue();
    }
}
