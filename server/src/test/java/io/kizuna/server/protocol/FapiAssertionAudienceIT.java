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
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * FAPI 2.0 Security Profile §5.3.2.1 item 8: the authorization server accepts only its issuer identifier,
 * as a single string, in the {@code aud} of a FAPI 2.0 client's assertion — not the token endpoint URL
 * (which RFC 7523 §3 and OIDC Core §9 otherwise allow, and Kizuna accepts for other clients), not an array.
 */
@KizunaIntegrationTest
class FapiAssertionAudienceIT {
    @Value("${kizuna.issuer}")
    String issuer;

    Api api;
    ECKey key;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        key = new ECKeyGenerator(Curve.P_256).keyID("fapi-aud-" + UUID.randomUUID()).generate();
    }

    String client(String profile) throws Exception {
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "FAPI aud " + UUID.randomUUID(), "grant_types", List.of("client_credentials"),
                "scope", "api:read", "token_endpoint_auth_method", "private_key_jwt",
                "jwks", new JWKSet(key).toJSONObject(true), "client_profile", profile));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("client_id").asText();
    }

    Api.Response token(String clientId, UnaryOperator<JWTClaimsSet.Builder> audience) throws Exception {
        JWTClaimsSet claims = audience.apply(new JWTClaimsSet.Builder().issuer(clientId).subject(clientId)
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                .jwtID(UUID.randomUUID().toString())).build();
        String assertion = ClientAssertionIT.sign(new ECDSASigner(key), JWSAlgorithm.ES256, key.getKeyID(), claims);
        Map<String, String> form = Map.of("grant_type", "client_credentials", "scope", "api:read",
                "client_assertion_type", ClientAssertionIT.JWT_BEARER, "client_assertion", assertion);
        return api.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", DPoPIT.DPoPKey.generate().proof("POST", issuer + "/oauth2/token", c -> { }))
                .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(form))).build());
    }

    @Test
    @DisplayName("FAPI 2.0 SP §5.3.2.1 item 8: aud = the token endpoint URL, or an array holding the issuer, is invalid_client; aud = the issuer string authenticates")
    void tokenWhenAudienceIsNotTheIssuerStringThenInvalidClient() throws Exception {
        String clientId = client("fapi2-security");
        assertOAuthError(token(clientId, c -> c.audience(issuer + "/oauth2/token")), 401, "invalid_client");
        assertOAuthError(token(clientId, c -> c.audience(List.of(issuer, issuer + "/oauth2/par"))), 401,
                "invalid_client");
        Api.Response ok = token(clientId, c -> c.audience(issuer));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
    }

    @Test
    @DisplayName("FAPI 1.0 Advanced §8.6 / FAPI 2.0 SP §5.4.1 (FAPI-CIBA §5.2.2): a FAPI client's RS256 assertion is invalid_client, PS256 authenticates")
    void tokenWhenFapiClientSignsWithRs256ThenInvalidClient() throws Exception {
        com.nimbusds.jose.jwk.RSAKey rsa = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048)
                .keyID("fapi-rsa-" + UUID.randomUUID()).generate();
        Api.Response registered = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "FAPI RSA " + UUID.randomUUID(), "grant_types", List.of("client_credentials"),
                "scope", "api:read", "token_endpoint_auth_method", "private_key_jwt",
                "jwks", new JWKSet(rsa).toJSONObject(true), "client_profile", "fapi2-security"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String clientId = registered.json().get("client_id").asText();
        Api.Response rs256 = tokenSignedBy(clientId, new com.nimbusds.jose.crypto.RSASSASigner(rsa), JWSAlgorithm.RS256,
                rsa.getKeyID());
        assertOAuthError(rs256, 401, "invalid_client");
        assertThat(rs256.json().get("error_description").asText()).contains("RS256");
        Api.Response ps256 = tokenSignedBy(clientId, new com.nimbusds.jose.crypto.RSASSASigner(rsa), JWSAlgorithm.PS256,
                rsa.getKeyID());
        assertThat(ps256.status()).as(ps256.raw().body()).isEqualTo(200);
    }

    Api.Response tokenSignedBy(String clientId, com.nimbusds.jose.JWSSigner signer, JWSAlgorithm alg, String kid)
            throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(issuer)
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                .jwtID(UUID.randomUUID().toString()).build();
        Map<String, String> form = Map.of("grant_type", "client_credentials", "scope", "api:read",
                "client_assertion_type", ClientAssertionIT.JWT_BEARER,
                "client_assertion", ClientAssertionIT.sign(signer, alg, kid, claims));
        return api.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("DPoP", DPoPIT.DPoPKey.generate().proof("POST", issuer + "/oauth2/token", c -> { }))
                .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(form))).build());
    }

    @Test
    @DisplayName("RFC 7523 §3: a client without a FAPI 2.0 profile may still name the token endpoint URL as aud")
    void tokenWhenNoFapiProfileThenTokenEndpointAudienceAccepted() throws Exception {
        String clientId = client("none");
        Api.Response ok = token(clientId, c -> c.audience(issuer + "/oauth2/token"));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
    }
}
