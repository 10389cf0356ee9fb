package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** Client authentication with signed assertions (RFC 7523 §2.2 and §3, OIDC Core §9), with real keys. */
@KizunaIntegrationTest
class ClientAssertionIT {
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
    }

    Api.Response register(String method, JWKSet keys) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "Assertion client " + UUID.randomUUID(),
                "grant_types", List.of("client_credentials"), "scope", "api:read",
                "token_endpoint_auth_method", method));
        if (keys != null) {
            metadata.put("jwks", keys.toJSONObject(true));
        }
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r;
    }

    JWTClaimsSet.Builder claims(String clientId) {
        return new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(issuer + "/oauth2/token")
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                .jwtID(UUID.randomUUID().toString());
    }

    static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    Api.Response token(String assertion) throws Exception {
        return api.postForm("/oauth2/token", null, null, Map.of("grant_type", "client_credentials",
                "client_assertion_type", JWT_BEARER, "client_assertion", assertion));
    }

    static void assertTokenIssued(Api.Response r) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.json().get("access_token").asText()).isNotBlank();
    }

    @Nested
    @DisplayName("private_key_jwt (RFC 7523 §2.2, OIDC Core §9)")
    class PrivateKeyJwt {
        ECKey key;
        String clientId;

        @BeforeEach
        void client() throws Exception {
            key = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
            Api.Response r = register("private_key_jwt", new JWKSet(key));
            clientId = r.json().get("client_id").asText();
            assertThat(r.json().has("client_secret")).as("the keys are the credential").isFalse();
        }

        String es256(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
            return sign(new ECDSASigner(key), JWSAlgorithm.ES256, key.getKeyID(), change.apply(claims(clientId)).build());
        }

        @Test
        @DisplayName("RFC 7523 §2.2: an ES256 assertion authenticates the client at the token endpoint")
        void requestWhenEs256AssertionThenTokenIssued() throws Exception {
            assertTokenIssued(token(es256(c -> c)));
        }

        @Test
        @DisplayName("RFC 7523 §3: aud may be the issuer instead of the token endpoint URL")
        void requestWhenAudienceIsIssuerThenTokenIssued() throws Exception {
            assertTokenIssued(token(es256(c -> c.audience(issuer))));
        }

        @Test
        @DisplayName("CIBA Core 1.0 §7.1: at the backchannel authentication endpoint aud may be that endpoint's URL")
        void backchannelRequestWhenAudienceIsBackchannelEndpointThenAccepted() throws Exception {
            Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                    "client_name", "CIBA assertion client " + UUID.randomUUID(),
                    "grant_types", List.of("urn:openid:params:grant-type:ciba"), "scope", "openid",
                    "token_endpoint_auth_method", "private_key_jwt", "jwks", new JWKSet(key).toJSONObject(true)));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            String cibaClient = r.json().get("client_id").asText();
            String email = "ciba-aud-" + UUID.randomUUID() + "@example.jp";
            api.registerMember(email, "a long enough password", "Ciba Aud");
            String assertion = sign(new ECDSASigner(key), JWSAlgorithm.ES256, key.getKeyID(),
                    claims(cibaClient).audience(issuer + "/oauth2/bc-authorize").build());
            Api.Response started = api.postForm("/oauth2/bc-authorize", null, null, Map.of("scope", "openid",
                    "login_hint", email, "client_assertion_type", JWT_BEARER, "client_assertion", assertion));
            assertThat(started.status()).as(started.raw().body()).isEqualTo(200);
            assertThat(started.json().get("auth_req_id").asText()).isNotBlank();
        }

        @Test
        @DisplayName("RFC 7523 §3 item 7: a replayed jti is invalid_client")
        void requestWhenAssertionReplayedThenInvalidClient() throws Exception {
            String assertion = es256(c -> c);
            assertTokenIssued(token(assertion));
            assertOAuthError(token(assertion), 401, "invalid_client");
            String jti = SignedJWT.parse(assertion).getJWTClaimsSet().getJWTID();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM client_assertion_jti WHERE client_id = ? AND jti = ?",
                    Long.class, clientId, jti)).isEqualTo(1);
        }

        @Test
        @DisplayName("RFC 7523 §3 item 3: an assertion for another audience is invalid_client")
        void requestWhenAudienceIsOtherServerThenInvalidClient() throws Exception {
            assertOAuthError(token(es256(c -> c.audience("https://other.example/token"))), 401, "invalid_client");
        }

        @Test
        @DisplayName("RFC 7523 §3 item 4: an expired assertion, and one valid for too long, are invalid_client")
        void requestWhenExpiredOrTooLongLivedThenInvalidClient() throws Exception {
            assertOAuthError(token(es256(c -> c.expirationTime(new Date(System.currentTimeMillis() - 1_000)))),
                    401, "invalid_client");
            assertOAuthError(token(es256(c -> c.expirationTime(new Date(System.currentTimeMillis() + 3_600_000)))),
                    401, "invalid_client");
            assertOAuthError(token(es256(c -> c.expirationTime(null))), 401, "invalid_client");
        }

        @Test
        @DisplayName("RFC 7523 §3 items 1, 2, 7: iss must equal sub, and jti is required")
        void requestWhenIssuerDiffersOrJtiMissingThenInvalidClient() throws Exception {
            assertOAuthError(token(es256(c -> c.issuer("someone-else"))), 401, "invalid_client");
            assertOAuthError(token(es256(c -> c.jwtID(null))), 401, "invalid_client");
        }

        @Test
        @DisplayName("RFC 7523 §3 item 9: a signature by a key the client did not register is invalid_client")
        void requestWhenSignedByUnregisteredKeyThenInvalidClient() throws Exception {
            ECKey other = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
            assertOAuthError(token(sign(new ECDSASigner(other), JWSAlgorithm.ES256, "ec-1", claims(clientId).build())),
                    401, "invalid_client");
        }

        @Test
        @DisplayName("RFC 8725 §3.1: HS256 is not accepted for a private_key_jwt client (no algorithm confusion)")
        void requestWhenHmacAlgorithmThenInvalidClient() throws Exception {
            byte[] publicKeyAsSecret = key.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
            assertOAuthError(token(sign(new MACSigner(publicKeyAsSecret), JWSAlgorithm.HS256, "ec-1",
                    claims(clientId).build())), 401, "invalid_client");
        }

        @Test
        @DisplayName("RFC 7521 §4.2.1: a malformed assertion or an unknown assertion type is invalid_client, never a 500")
        void requestWhenAssertionMalformedThenInvalidClient() throws Exception {
            assertOAuthError(token("not-a-jwt"), 401, "invalid_client");
            assertOAuthError(token("e30.e30.e30"), 401, "invalid_client");
            // RFC 8725 §3.2: an unsecured JWT (alg none) is never an assertion
            assertOAuthError(token(new com.nimbusds.jwt.PlainJWT(claims(clientId).build()).serialize()),
                    401, "invalid_client");
            String signed = es256(c -> c);
            assertOAuthError(token(signed.substring(0, signed.lastIndexOf('.') + 1) + "AAAA"), 401, "invalid_client");
            assertOAuthError(api.postForm("/oauth2/token", null, null, Map.of("grant_type", "client_credentials",
                    "client_assertion_type", "urn:example:other", "client_assertion", es256(c -> c))),
                    401, "invalid_client");
        }

        @Test
        @DisplayName("RFC 6749 §2.3: an assertion together with Basic credentials is invalid_request")
        void requestWhenTwoMethodsThenInvalidRequest() throws Exception {
            assertOAuthError(api.postForm("/oauth2/token", clientId, "guess", Map.of("grant_type", "client_credentials",
                    "client_assertion_type", JWT_BEARER, "client_assertion", es256(c -> c))), 400, "invalid_request");
        }

        @Test
        @DisplayName("RFC 7523 §2.2 at RFC 7662 §2.1 and RFC 7009 §2.1: the same assertion method at introspection and revocation")
        void requestWhenAssertionAtIntrospectionAndRevocationThenAccepted() throws Exception {
            String access = token(es256(c -> c)).json().get("access_token").asText();
            Api.Response introspection = api.postForm("/oauth2/introspect", null, null, Map.of("token", access,
                    "client_assertion_type", JWT_BEARER, "client_assertion", es256(c -> c)));
            assertThat(introspection.json().get("active").asBoolean()).isTrue();
            assertThat(api.postForm("/oauth2/revoke", null, null, Map.of("token", access,
                    "client_assertion_type", JWT_BEARER, "client_assertion", es256(c -> c))).status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("RFC 7518 §3.3 / §3.5: PS256 and RS256 assertions with a registered RSA key")
    void requestWhenRsaAssertionsThenTokenIssued() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        String clientId = register("private_key_jwt", new JWKSet(rsa)).json().get("client_id").asText();
        assertTokenIssued(token(sign(new RSASSASigner(rsa), JWSAlgorithm.PS256, "rsa-1", claims(clientId).build())));
        assertTokenIssued(token(sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, "rsa-1", claims(clientId).build())));
    }

    @Test
    @DisplayName("RFC 8037 §3.1: an EdDSA (Ed25519) assertion with a registered OKP key")
    void requestWhenEdDsaAssertionThenTokenIssued() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        OctetKeyPair okp = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(rawEd25519(
                (EdECPublicKey) pair.getPublic()))).keyID("ed-1").build();
        String clientId = register("private_key_jwt", new JWKSet((JWK) okp)).json().get("client_id").asText();
        String signingInput = Base64URL.encode("{\"alg\":\"EdDSA\",\"kid\":\"ed-1\"}") + "."
                + Base64URL.encode(claims(clientId).build().toString());
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        assertTokenIssued(token(signingInput + "." + Base64URL.encode(signer.sign())));
    }

    /** RFC 8032 §5.1.2 encoding of the public point: y little-endian, x's parity in the top bit. */
    static byte[] rawEd25519(EdECPublicKey key) {
        byte[] y = key.getPoint().getY().toByteArray();
        byte[] raw = new byte[32];
        for (int i = 0; i < y.length && i < 32; i++) {
            raw[i] = y[y.length - 1 - i];
        }
        if (key.getPoint().isXOdd()) {
            raw[31] |= (byte) 0x80;
        }
        return raw;
    }

    @Nested
    @DisplayName("client_secret_jwt (RFC 7523 §2.2, OIDC Core §9)")
    class ClientSecretJwt {
        String clientId;
        String secret;

        @BeforeEach
        void client() throws Exception {
            JsonNode registered = register("client_secret_jwt", null).json();
            clientId = registered.get("client_id").asText();
            secret = registered.get("client_secret").asText();
        }

        String hs256(JWTClaimsSet claims) throws Exception {
            return sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256, null, claims);
        }

        @Test
        @DisplayName("OIDC Core §9: an HS256 assertion keyed with the client secret authenticates the client")
        void requestWhenHs256AssertionThenTokenIssued() throws Exception {
            assertTokenIssued(token(hs256(claims(clientId).build())));
        }

        @Test
        @DisplayName("OIDC Core §9: an HS256 assertion keyed with a wrong secret, or replayed, is invalid_client")
        void requestWhenWrongSecretOrReplayThenInvalidClient() throws Exception {
            assertOAuthError(token(sign(new MACSigner(("x" + secret).getBytes(StandardCharsets.UTF_8)),
                    JWSAlgorithm.HS256, null, claims(clientId).build())), 401, "invalid_client");
            String assertion = hs256(claims(clientId).build());
            assertTokenIssued(token(assertion));
            assertOAuthError(token(assertion), 401, "invalid_client");
        }

        @Test
        @DisplayName("RFC 6749 §2.3: the secret of a client_secret_jwt client is not accepted as a Basic password")
        void requestWhenSecretSentAsBasicThenInvalidClient() throws Exception {
            assertOAuthError(api.postForm("/oauth2/token", clientId, secret, Map.of("grant_type", "client_credentials")),
                    401, "invalid_client");
        }

        @Test
        @DisplayName("the secret is kept sealed, never in the ledger in plaintext")
        void requestWhenRegisteredThenSecretNeitherInLedgerNorStoredPlain() throws Exception {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') "
                    + "LIKE ?", Long.class, "%" + secret + "%")).isZero();
            byte[] sealed = jdbc.queryForObject("SELECT sealed FROM client_jwt_secret WHERE client_id = ?",
                    byte[].class, clientId);
            assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        }
    }

    @Test
    @DisplayName("RFC 7591 §3.2.2: a refused client_secret_jwt registration leaves no sealed secret behind")
    void requestWhenRegistrationRefusedThenNoSealedSecretKept() throws Exception {
        long sealed = jdbc.queryForObject("SELECT count(*) FROM client_jwt_secret", Long.class);
        assertOAuthError(api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of("client_name", "Refused",
                "grant_types", List.of("password"), "token_endpoint_auth_method", "client_secret_jwt")),
                400, "invalid_client_metadata");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM client_jwt_secret", Long.class))
                .as("rolled back with the refused event").isEqualTo(sealed);
    }

    @Test
    @DisplayName("RFC 8414 §2: discovery lists the assertion methods and their algorithms")
    void requestWhenDiscoveryThenAssertionMethodsListed() throws Exception {
        JsonNode m = api.get("/.well-known/oauth-authorization-server", null).json();
        assertThat(m.get("token_endpoint_auth_methods_supported").toString())
                .contains("private_key_jwt", "client_secret_jwt");
        assertThat(m.get("token_endpoint_auth_signing_alg_values_supported").toString())
                .contains("ES256", "PS256", "RS256", "EdDSA", "HS256").doesNotContain("none");
    }
}
