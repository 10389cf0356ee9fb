package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * FAPI-CIBA (Financial-grade API: Client Initiated Backchannel Authentication Profile) §5.2.2 at Kizuna's
 * backchannel authentication endpoint, for a client with a FAPI {@code client_profile} that registered no
 * {@code backchannel_authentication_request_signing_alg}: every request must be a signed request object
 * (CIBA Core 1.0 §7.1.1), signed with one of the profile's algorithms (FAPI 1.0 Advanced §8.6: PS256, ES256).
 */
@KizunaIntegrationTest
class FapiCibaIT {
    @Value("${kizuna.issuer}")
    String issuer;

    Api api;
    RSAKey key;
    String clientId;
    String email;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        key = new RSAKeyGenerator(2048).keyID("fapi-ciba-" + UUID.randomUUID()).generate();
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "FAPI-CIBA " + UUID.randomUUID(),
                "grant_types", List.of("urn:openid:params:grant-type:ciba"), "scope", "openid",
                "token_endpoint_auth_method", "private_key_jwt", "jwks", new JWKSet(key).toJSONObject(true),
                "tls_client_certificate_bound_access_tokens", true, "client_profile", "fapi1-advanced"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        clientId = r.json().get("client_id").asText();
        Api.Response settings = api.putJson("/admin/api/clients/" + clientId + "/backchannel-settings",
                Api.ADMIN_TOKEN, Map.of("backchannel_token_delivery_mode", "poll"));
        assertThat(settings.status()).as(settings.raw().body()).isEqualTo(200);
        email = "fapi-ciba-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, "a long enough password", "Fapi Ciba");
    }

    String signed(JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
        return ClientAssertionIT.sign(new RSASSASigner(key), alg, key.getKeyID(), claims);
    }

    Api.Response bcAuthorize(Map<String, String> parameters) throws Exception {
        long now = System.currentTimeMillis();
        String assertion = signed(JWSAlgorithm.PS256, new JWTClaimsSet.Builder().issuer(clientId).subject(clientId)
                .audience(issuer).issueTime(new Date(now)).expirationTime(new Date(now + 60_000))
                .jwtID(UUID.randomUUID().toString()).build());
        Map<String, String> form = new HashMap<>(parameters);
        form.put("client_assertion_type", ClientAssertionIT.JWT_BEARER);
        form.put("client_assertion", assertion);
        return api.postForm("/oauth2/bc-authorize", null, null, form);
    }

    String requestObject(JWSAlgorithm alg) throws Exception {
        long now = System.currentTimeMillis();
        return signed(alg, new JWTClaimsSet.Builder().issuer(clientId).audience(issuer)
                .issueTime(new Date(now)).notBeforeTime(new Date(now)).expirationTime(new Date(now + 300_000))
                .jwtID(UUID.randomUUID().toString()).claim("scope", "openid").claim("login_hint", email).build());
    }

    @Test
    @DisplayName("FAPI-CIBA §5.2.2: a FAPI client's unsigned backchannel authentication request is invalid_request")
    void unsignedRequestIsRefused() throws Exception {
        Api.Response r = bcAuthorize(Map.of("scope", "openid", "login_hint", email));
        assertOAuthError(r, 400, "invalid_request");
        assertThat(r.json().get("error_description").asText()).contains("signed");
    }

    @Test
    @DisplayName("FAPI 1.0 Advanced §8.6 / FAPI-CIBA §5.2.2: an RS256 request object is invalid_request; PS256 is accepted")
    void rs256RequestObjectIsRefusedPs256Accepted() throws Exception {
        Api.Response rs256 = bcAuthorize(Map.of("request", requestObject(JWSAlgorithm.RS256)));
        assertOAuthError(rs256, 400, "invalid_request");
        assertThat(rs256.json().get("error_description").asText()).contains("PS256");
        Api.Response ps256 = bcAuthorize(Map.of("request", requestObject(JWSAlgorithm.PS256)));
        assertThat(ps256.status()).as(ps256.raw().body()).isEqualTo(200);
        assertThat(ps256.json().get("auth_req_id").asText()).isNotBlank();
    }
}
