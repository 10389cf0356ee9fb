package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code private_key_jwt} with the client's keys by reference (RFC 7591 §2 {@code jwks_uri}, RFC 7523 §2.2,
 * OIDC Core §9 and §10.1.1): registered at {@code /oauth2/register}, the keys fetched from a loopback http
 * server (the test platform allows http jwks_uri values) when an assertion arrives, cached, and fetched
 * again when the client signs with a key it has rotated in.
 */
@KizunaIntegrationTest
class ClientJwksUriIT {
    @Value("${kizuna.issuer}")
    String issuer;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    HttpServer jwksServer;
    final AtomicReference<byte[]> published = new AtomicReference<>();
    final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        jwksServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwksServer.createContext("/jwks", this::serveJwks);
        jwksServer.start();
    }

    void serveJwks(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException {
        fetches.incrementAndGet();
        byte[] body = published.get();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterEach
    void stop() {
        jwksServer.stop(0);
    }

    void publish(ECKey... keys) {
        published.set(new JWKSet(List.of(keys)).toString(true).getBytes(StandardCharsets.UTF_8));
    }

    String jwksUri() {
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks";
    }

    Api.Response register(Map<String, Object> extra) throws Exception {
        Map<String, Object> metadata = new java.util.HashMap<>(Map.of("client_name", "jwks_uri RP " + UUID.randomUUID(),
                "grant_types", List.of("client_credentials"), "scope", "api:read",
                "token_endpoint_auth_method", "private_key_jwt"));
        metadata.putAll(extra);
        return api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, metadata);
    }

    Api.Response token(String clientId, ECKey key) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId)
                .audience(issuer + "/oauth2/token").issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).jwtID(UUID.randomUUID().toString()).build();
        String assertion = ClientAssertionIT.sign(new ECDSASigner(key), JWSAlgorithm.ES256, key.getKeyID(), claims);
        return api.postForm("/oauth2/token", null, null, Map.of("grant_type", "client_credentials",
                "client_assertion_type", ClientAssertionIT.JWT_BEARER, "client_assertion", assertion));
    }

    @Test
    @DisplayName("RFC 7591 §2, RFC 7523 §2.2: a private_key_jwt client registered with jwks_uri authenticates with its published key, fetched once and cached")
    void tokenWhenClientRegisteredWithJwksUriThenKeysFetchedAndCached() throws Exception {
        ECKey first = new ECKeyGenerator(Curve.P_256).keyID("rp-1-" + UUID.randomUUID()).generate();
        publish(first.toPublicJWK());
        Api.Response registered = register(Map.of("jwks_uri", jwksUri()));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        assertThat(registered.json().get("jwks_uri").asText()).isEqualTo(jwksUri());
        assertThat(registered.json().has("client_secret")).as("the keys are the credential").isFalse();
        String clientId = registered.json().get("client_id").asText();
        // the jwks_uri is recorded in the ledger with the registration
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype LIKE '%ClientResponseProtectionChanged'", Integer.class, clientId)).isEqualTo(1);

        Api.Response one = token(clientId, first);
        assertThat(one.status()).as(one.raw().body()).isEqualTo(200);
        Api.Response two = token(clientId, first);
        assertThat(two.status()).as(two.raw().body()).isEqualTo(200);
        assertThat(fetches.get()).as("the key set is cached").isEqualTo(1);
    }

    @Test
    @DisplayName("OIDC Core §10.1.1: after the client rotates its key at the jwks_uri, an assertion with the new kid refetches and verifies; the retired key stops working")
    void tokenWhenClientRotatesKeyThenNewKeyAccepted() throws Exception {
        ECKey first = new ECKeyGenerator(Curve.P_256).keyID("rp-a-" + UUID.randomUUID()).generate();
        ECKey second = new ECKeyGenerator(Curve.P_256).keyID("rp-b-" + UUID.randomUUID()).generate();
        publish(first.toPublicJWK());
        Api.Response registered = register(Map.of("jwks_uri", jwksUri()));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String clientId = registered.json().get("client_id").asText();
        assertThat(token(clientId, first).status()).isEqualTo(200);

        publish(second.toPublicJWK());
        Api.Response rotated = token(clientId, second);
        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(200);
        assertOAuthError(token(clientId, first), 401, "invalid_client");
    }

    @Test
    @DisplayName("RFC 7591 §3.2.2: private_key_jwt with neither jwks nor jwks_uri is invalid_client_metadata; a key the jwks_uri does not publish is invalid_client")
    void registerWhenNoKeysThenRefusedAndUnknownKeyInvalidClient() throws Exception {
        assertOAuthError(register(Map.of()), 400, "invalid_client_metadata");
        ECKey published = new ECKeyGenerator(Curve.P_256).keyID("rp-p-" + UUID.randomUUID()).generate();
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(published.getKeyID()).generate();
        publish(published.toPublicJWK());
        Api.Response registered = register(Map.of("jwks_uri", jwksUri()));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        assertOAuthError(token(registered.json().get("client_id").asText(), stranger), 401, "invalid_client");
    }

    @Test
    @DisplayName("RFC 7591 §5, RFC 9101 §10.4.1 (SSRF): a jwks_uri on a loopback address not in"
            + " kizuna.outbound.allowed-hosts is never fetched, though a server answers there; the assertion is"
            + " invalid_client")
    void tokenWhenJwksUriHostIsInternalThenNeverFetched() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("rp-ssrf-" + UUID.randomUUID()).generate();
        publish(key.toPublicJWK());
        // a JWK server reachable on another loopback address, which is not allow-listed for the tests
        HttpServer internalServer = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
        internalServer.createContext("/jwks", this::serveJwks);
        internalServer.start();
        try {
            String internal = "http://127.0.0.2:" + internalServer.getAddress().getPort() + "/jwks";
            Api.Response registered = register(Map.of("jwks_uri", internal));
            assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
            assertOAuthError(token(registered.json().get("client_id").asText(), key), 401, "invalid_client");
            assertThat(fetches.get()).as("the guard refused before connecting").isZero();
        } finally {
            internalServer.stop(0);
        }
    }
}
