package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.signingkey.KeyEncryption;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signing keys as a ledger aggregate: JWKS with {@code kid} (RFC 7517 §4.5, §5), rotation with overlap
 * (OIDC Core §10.1.1), retirement, and private keys only ever encrypted at rest.
 */
@KizunaIntegrationTest
class SigningKeyRotationIT {
    static final String KEYS = "/admin/api/signing-keys";
    static final String REDIRECT = "https://rotation.example.jp/cb";
    static final String PASSWORD = "a long enough password";
    static final ObjectMapper JSON = new ObjectMapper();

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KeyEncryption encryption;

    @Autowired
    io.kizuna.signingkey.SigningKeyLifecycle lifecycle;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
    }

    String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    String clientCredentialsToken(String[] client) throws Exception {
        return api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type", "client_credentials"))
                .json().get("access_token").asText();
    }

    boolean active(String[] client, String token) throws Exception {
        return api.postForm("/oauth2/introspect", client[0], client[1], Map.of("token", token)).json()
                .get("active").asBoolean();
    }

    JsonNode key(String kid) throws Exception {
        JsonNode keys = api.get(KEYS, Api.ADMIN_TOKEN).json().get("keys");
        return StreamSupport.stream(keys.spliterator(), false).filter(k -> k.get("kid").asText().equals(kid))
                .findFirst().orElseThrow();
    }

    @Test
    @DisplayName("RFC 7517 §5: the JWKS publishes an ES256, PS256, RS256 and EdDSA key, each with kid and use sig, no private part")
    void requestWhenJwksThenEveryAlgorithmWithKidAndNoPrivateParts() throws Exception {
        Api.Response r = api.get("/oauth2/jwks", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/jwk-set+json");
        JWKSet all = JWKSet.parse(r.raw().body());
        // the use enc keys (RFC 9101 §6.1) are RequestObjectEncryptionIT's subject
        JWKSet jwks = new JWKSet(all.getKeys().stream().filter(k -> !"enc".equals(k.getKeyUse().identifier())).toList());
        assertThat(jwks.getKeys()).extracting(k -> k.getAlgorithm().getName())
                .contains("ES256", "PS256", "RS256", "EdDSA");
        assertThat(jwks.getKeys().get(0).getAlgorithm().getName()).as("the default first").isEqualTo("ES256");
        for (JWK key : jwks.getKeys()) {
            assertThat(key.getKeyID()).isNotBlank();
            assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
            assertThat(key.isPrivate()).isFalse();
        }
        assertThat(r.raw().body()).doesNotContain("\"d\"").doesNotContain("\"p\"").doesNotContain("\"q\"");
        JsonNode metadata = api.get("/.well-known/openid-configuration", null).json();
        assertThat(metadata.get("id_token_signing_alg_values_supported")).extracting(JsonNode::asText)
                .contains("ES256", "PS256", "RS256", "EdDSA");
    }

    @Test
    @DisplayName("OIDC Core §10.1.1: after a rotation old tokens verify during the overlap; a retired key leaves the JWKS and its tokens fail at UserInfo and introspection")
    void requestWhenRotatedThenOverlapThenRetiredKeyTokensRejected() throws Exception {
        String[] web = registerWebClient();
        String email = "rotation-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Rotation Tester");
        CodeFlow.Result flow = CodeFlow.run(issuer, web[0], REDIRECT, email, PASSWORD, "openid email");
        String memberToken = api.postForm("/oauth2/token", web[0], web[1], Map.of("grant_type", "authorization_code",
                "code", flow.code(), "redirect_uri", REDIRECT, "code_verifier", flow.verifier())).json()
                .get("access_token").asText();
        String[] apiClient = api.registerApiClient();
        String before = clientCredentialsToken(apiClient);
        String oldKid = kid(before);
        assertThat(kid(memberToken)).isEqualTo(oldKid);

        Api.Response rotated = api.postJson(KEYS + "/rotate", Api.ADMIN_TOKEN, Map.of("alg", "ES256"));
        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(201);
        String newKid = rotated.json().get("kid").asText();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(rotated.json().get("status").asText()).isEqualTo("active");
        assertThat(rotated.json().get("alg").asText()).isEqualTo("ES256");
        assertThat(key(oldKid).get("status").asText()).isEqualTo("rotated");
        assertThat(key(oldKid).get("published_until").asText()).isNotBlank();

        // the overlap: both keys published, old tokens still good, new tokens signed by the new key
        JWKSet during = PublishedKeys.fetch(api);
        assertThat(during.getKeyByKeyId(oldKid)).isNotNull();
        assertThat(during.getKeyByKeyId(newKid)).isNotNull();
        assertThat(PublishedKeys.verifies(before, during)).isTrue();
        assertThat(api.get("/userinfo", memberToken).status()).isEqualTo(200);
        assertThat(active(apiClient, before)).isTrue();
        String after = clientCredentialsToken(apiClient);
        assertThat(kid(after)).isEqualTo(newKid);
        assertThat(PublishedKeys.verifies(after, during)).isTrue();

        Api.Response retired = api.postJson(KEYS + "/" + oldKid + "/retire", Api.ADMIN_TOKEN, Map.of());
        assertThat(retired.status()).as(retired.raw().body()).isEqualTo(200);
        assertThat(retired.json().get("status").asText()).isEqualTo("retired");

        JWKSet afterRetirement = PublishedKeys.fetch(api);
        assertThat(afterRetirement.getKeyByKeyId(oldKid)).as("retired key left the JWKS").isNull();
        assertThat(PublishedKeys.verifies(before, afterRetirement)).isFalse();
        assertOAuthError(api.get("/userinfo", memberToken), 401, "invalid_token");
        assertThat(active(apiClient, before)).as("RFC 7662 §2.2: no longer verifiable → inactive").isFalse();
        assertThat(active(apiClient, after)).isTrue();
    }

    @Test
    @DisplayName("the active key cannot be retired (rotate first); unknown keys, bad algorithms and missing admin token are refused")
    void requestWhenRetiringActiveOrUnknownThenRefused() throws Exception {
        String activeKid = kid(clientCredentialsToken(api.registerApiClient()));
        assertOAuthError(api.postJson(KEYS + "/" + activeKid + "/retire", Api.ADMIN_TOKEN, Map.of()), 400,
                "invalid_request");
        assertThat(key(activeKid).get("status").asText()).isEqualTo("active");
        assertOAuthError(api.postJson(KEYS + "/no-such-kid/retire", Api.ADMIN_TOKEN, Map.of()), 404, "invalid_request");
        assertOAuthError(api.postJson(KEYS + "/rotate", Api.ADMIN_TOKEN, Map.of("alg", "HS256")), 400, "invalid_request");
        assertOAuthError(api.postJson(KEYS + "/rotate", Api.ADMIN_TOKEN, Map.of()), 400, "invalid_request");
        assertOAuthError(api.get(KEYS, null), 401, "invalid_token");
        assertOAuthError(api.postJson(KEYS + "/rotate", "wrong", Map.of("alg", "ES256")), 401, "invalid_token");
    }

    @Test
    @DisplayName("private keys are never plaintext: the ledger event and the table hold them only encrypted under the master key")
    void requestWhenKeyGeneratedThenPrivateKeyOnlyEncrypted() throws Exception {
        Api.Response rotated = api.postJson(KEYS + "/rotate", Api.ADMIN_TOKEN, Map.of("alg", "EdDSA"));
        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(201);
        String kid = rotated.json().get("kid").asText();
        assertThat(rotated.raw().body()).doesNotContain("\"d\"");

        byte[] payload = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype LIKE '%SigningKeyGenerated'", byte[].class, kid);
        String stored = new String(payload, StandardCharsets.UTF_8);
        JsonNode event = JSON.readTree(stored);
        JWK publicJwk = JWK.parse(event.get("publicJwk").asText());
        assertThat(publicJwk.isPrivate()).isFalse();
        assertThat(publicJwk.getKeyID()).isEqualTo(kid);
        assertThat(event.get("keyEncryption").asText()).isEqualTo(encryption.scheme());

        byte[] sealed = Base64.getUrlDecoder().decode(event.get("encryptedPrivateKey").asText());
        JWK privateJwk = JWK.parse(new String(encryption.decrypt(event.get("keyEncryption").asText(), sealed,
                kid.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
        assertThat(privateJwk.isPrivate()).as("the sealed value really is the private key").isTrue();
        String d = privateJwk.toJSONObject().get("d").toString();
        assertThat(stored).doesNotContain(d).doesNotContain("\"d\"");

        byte[] row = jdbc.queryForObject("SELECT sealed_jwk FROM signing_key WHERE kid = ?", byte[].class, kid);
        assertThat(new String(row, StandardCharsets.ISO_8859_1)).doesNotContain(d).doesNotContain("\"d\"");
        assertThat(jdbc.queryForObject("SELECT public_jwk FROM signing_key WHERE kid = ?", String.class, kid))
                .doesNotContain("\"d\"");
        assertThat(jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?"
                + " ORDER BY sequencenumber", String.class, kid))
                .extracting(t -> t.substring(t.lastIndexOf('.') + 1))
                .containsExactly("SigningKeyGenerated", "SigningKeyActivated");
    }

    @Test
    @DisplayName("a key written to the table before keys were ledger events is adopted at start with the same sealed bytes")
    void requestWhenLegacyKeyThenAdoptedIntoLedger() throws Exception {
        String kid = "legacy-" + UUID.randomUUID();
        JWK legacy = io.kizuna.signingkey.SigningAlgorithms.generate("ES256", kid);
        byte[] sealed = encryption.encrypt(legacy.toJSONString().getBytes(StandardCharsets.UTF_8),
                kid.getBytes(StandardCharsets.UTF_8));
        // as the pre-ledger SigningKeys wrote it ('retiring' became 'rotated' in the migration)
        jdbc.update("INSERT INTO signing_key (kid, alg, sealed_jwk, public_jwk, status, created_at)"
                + " VALUES (?, 'ES256', ?, ?, 'rotated', now())", kid, sealed, legacy.toPublicJWK().toJSONString());

        lifecycle.bootstrap();

        assertThat(jdbc.queryForObject("SELECT in_ledger FROM signing_key WHERE kid = ?", Boolean.class, kid)).isTrue();
        assertThat(key(kid).get("status").asText()).as("only active keys were ever published").isEqualTo("retired");
        JsonNode event = JSON.readTree(jdbc.queryForObject("SELECT payload FROM domainevententry WHERE"
                + " aggregateidentifier = ? AND payloadtype LIKE '%SigningKeyGenerated'", byte[].class, kid));
        assertThat(Base64.getUrlDecoder().decode(event.get("encryptedPrivateKey").asText())).isEqualTo(sealed);
        assertThat(PublishedKeys.fetch(api).getKeyByKeyId(kid)).isNull();
        lifecycle.bootstrap();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, kid)).as("adopted once").isEqualTo(2);
    }

    @Test
    @DisplayName("OIDC Core §10.1.1: once the overlap has ended the key is out of the JWKS, and maintenance records its retirement")
    void requestWhenOverlapEndedThenUnpublishedAndRetiredByMaintenance() throws Exception {
        String[] apiClient = api.registerApiClient();
        Api.Response rotated = api.postJson(KEYS + "/rotate", Api.ADMIN_TOKEN, Map.of("alg", "RS256"));
        String newKid = rotated.json().get("kid").asText();
        String oldKid = jdbc.queryForObject("SELECT kid FROM signing_key WHERE alg = 'RS256' AND status = 'rotated'"
                + " ORDER BY rotated_at DESC LIMIT 1", String.class);
        assertThat(PublishedKeys.fetch(api).getKeyByKeyId(oldKid)).isNotNull();
        // the overlap ends: move its end into the past, as the passing of a day would
        jdbc.update("UPDATE signing_key SET published_until = now() - interval '1 second' WHERE kid = ?", oldKid);
        lifecycle.retireExpired();
        assertThat(PublishedKeys.fetch(api).getKeyByKeyId(oldKid)).isNull();
        assertThat(PublishedKeys.fetch(api).getKeyByKeyId(newKid)).isNotNull();
        assertThat(key(oldKid).get("status").asText()).isEqualTo("retired");
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE"
                + " aggregateidentifier = ? AND payloadtype LIKE '%SigningKeyRetired'", String.class, oldKid))
                .contains("overlap_ended");
        assertThat(lifecycle.retireExpired()).as("nothing left to retire").isZero();
        assertThat(active(apiClient, clientCredentialsToken(apiClient))).isTrue();
    }

    String[] registerWebClient() throws Exception {
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Rotation site " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code"), "scope", "openid email"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new String[] {r.json().get("client_id").asText(), r.json().get("client_secret").asText()};
    }
}
