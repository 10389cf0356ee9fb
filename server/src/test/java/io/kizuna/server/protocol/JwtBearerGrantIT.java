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
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The JWT bearer authorization grant (RFC 7523 §2.1) over HTTP. */
@KizunaIntegrationTest
class JwtBearerGrantIT {
    static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String CLIENT_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final String REDIRECT = "https://jwt-bearer.example.jp/cb";
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    Api api;
    ECKey key;
    String clientId;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "Batch " + UUID.randomUUID(),
                "grant_types", List.of("authorization_code", GRANT), "redirect_uris", List.of(REDIRECT),
                "scope", "openid offline_access api:read api:write", "token_endpoint_auth_method", "private_key_jwt"));
        metadata.put("jwks", new JWKSet(key).toJSONObject(true));
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        clientId = r.json().get("client_id").asText();
    }

    String signed(ECKey with, String subject, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet claims = change.apply(new JWTClaimsSet.Builder().issuer(clientId).subject(subject)
                .audience(issuer + "/oauth2/token").issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 60_000)).jwtID(UUID.randomUUID().toString()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(with.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new ECDSASigner(with));
        return jwt.serialize();
    }

    Api.Response grant(String assertion, String scope) throws Exception {
        Map<String, String> form = new HashMap<>(Map.of("grant_type", GRANT, "assertion", assertion,
                "client_assertion_type", CLIENT_ASSERTION, "client_assertion", signed(key, clientId, c -> c)));
        if (scope != null) {
            form.put("scope", scope);
        }
        return api.postForm("/oauth2/token", null, null, form);
    }

    JsonNode introspect(String token) throws Exception {
        String[] resourceServer = api.registerApiClient();
        return api.postForm("/oauth2/introspect", resourceServer[0], resourceServer[1], Map.of("token", token)).json();
    }

    @Test
    @DisplayName("RFC 7523 §2.1: a client's own assertion about itself gets an access token, no refresh token")
    void requestWhenAssertionForClientThenAccessToken() throws Exception {
        Api.Response r = grant(signed(key, clientId, c -> c), "api:read");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().get("scope").asText()).isEqualTo("api:read");
        assertThat(r.json().has("refresh_token")).isFalse();
        JsonNode active = introspect(r.json().get("access_token").asText());
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("sub").asText()).isEqualTo(clientId);
    }

    @Test
    @DisplayName("RFC 7523 §2.1, §3: sub may name a member who consented to the client, with offline_access")
    void requestWhenAssertionForConsentingMemberThenTokenForMember() throws Exception {
        String email = "bearer-" + UUID.randomUUID() + "@example.jp";
        String memberId = api.registerMember(email, PASSWORD, "Bearer Tester");
        CodeFlow.run(issuer, clientId, REDIRECT, email, PASSWORD, "openid offline_access api:read");
        Api.Response r = grant(signed(key, memberId, c -> c), "api:read");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(introspect(r.json().get("access_token").asText()).get("sub").asText()).isEqualTo(memberId);
        assertOAuthError(grant(signed(key, memberId, c -> c), "api:write"), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 7523 §3.1: a member who never consented to the client is invalid_grant")
    void requestWhenMemberNotConsentedThenInvalidGrant() throws Exception {
        String memberId = api.registerMember("bearer-" + UUID.randomUUID() + "@example.jp", PASSWORD, "No Consent");
        assertOAuthError(grant(signed(key, memberId, c -> c), "api:read"), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 7523 §3.1: an assertion signed with an unregistered key is invalid_grant")
    void requestWhenSignedWithOtherKeyThenInvalidGrant() throws Exception {
        ECKey other = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        assertOAuthError(grant(signed(other, clientId, c -> c), null), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 7523 §3 item 7: a replayed assertion is invalid_grant")
    void requestWhenAssertionReplayedThenInvalidGrant() throws Exception {
        String assertion = signed(key, clientId, c -> c);
        assertThat(grant(assertion, null).status()).isEqualTo(200);
        assertOAuthError(grant(assertion, null), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 7523 §3 items 1, 4: another issuer or an expired assertion is invalid_grant")
    void requestWhenWrongIssuerOrExpiredThenInvalidGrant() throws Exception {
        assertOAuthError(grant(signed(key, clientId, c -> c.issuer("someone-else")), null), 400, "invalid_grant");
        assertOAuthError(grant(signed(key, clientId, c -> c.expirationTime(new Date(System.currentTimeMillis()
                - 60_000))), null), 400, "invalid_grant");
        assertOAuthError(grant("not-a-jwt", null), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 7591 §2: only clients with registered keys may register the jwt-bearer grant")
    void requestWhenSecretClientRegistersJwtBearerThenInvalidClientMetadata() throws Exception {
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of("client_name", "No keys",
                "grant_types", List.of(GRANT), "scope", "api:read"));
        assertOAuthError(r, 400, "invalid_client_metadata");
    }
}
