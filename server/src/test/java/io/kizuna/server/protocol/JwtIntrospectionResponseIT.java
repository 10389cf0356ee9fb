package io.kizuna.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** RFC 9701: the introspection response as a JWT signed by the authorization server. */
@KizunaIntegrationTest
class JwtIntrospectionResponseIT {
    static final String MEDIA_TYPE = "application/token-introspection+jwt";

    @Value("${kizuna.issuer}")
    String issuer;

    Api api;
    String[] client;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        client = api.registerApiClient();
    }

    Api.Response introspect(String token, String accept) throws Exception {
        return api.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/introspect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Api.basic(client[0], client[1]))
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(Map.of("token", token)))).build());
    }

    /** Verifies the response with the published JWKS and returns its claims. */
    JWTClaimsSet verified(Api.Response r) throws Exception {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith(MEDIA_TYPE);
        assertThat(r.header("Cache-Control")).contains("no-store");
        SignedJWT jwt = SignedJWT.parse(r.raw().body());
        assertThat(jwt.getHeader().getType().toString()).isEqualTo("token-introspection+jwt");
        ECKey key = (ECKey) JWKSet.parse(api.get("/oauth2/jwks", null).raw().body())
                .getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getAudience()).containsExactly(client[0]);
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getSubject()).as("RFC 9701 §5: no sub at the top level").isNull();
        assertThat(claims.getExpirationTime()).as("RFC 9701 §5: no exp at the top level").isNull();
        return claims;
    }

    @Test
    @DisplayName("RFC 9701 §4, §5: Accept: application/token-introspection+jwt gets a signed JWT with the RFC 7662 members in token_introspection")
    void requestWhenJwtAcceptedThenSignedIntrospectionResponse() throws Exception {
        String token = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type", "client_credentials",
                "scope", "api:read")).json().get("access_token").asText();
        Map<String, Object> introspection = verified(introspect(token, MEDIA_TYPE)).getJSONObjectClaim("token_introspection");
        assertThat(introspection).containsEntry("active", true).containsEntry("client_id", client[0])
                .containsEntry("scope", "api:read").containsEntry("iss", issuer).containsKeys("exp", "iat", "jti");
    }

    @Test
    @DisplayName("RFC 9701 §5: an inactive token is token_introspection {\"active\": false} and nothing else")
    void requestWhenTokenInactiveThenOnlyActiveFalse() throws Exception {
        Map<String, Object> introspection = verified(introspect("unknown-token", "application/json;q=0.5, " + MEDIA_TYPE))
                .getJSONObjectClaim("token_introspection");
        assertThat(introspection).containsExactly(Map.entry("active", false));
    }

    @Test
    @DisplayName("RFC 7662 §2.2: without that Accept value the answer stays plain JSON")
    void requestWhenJsonAcceptedThenPlainJson() throws Exception {
        Api.Response r = introspect("unknown-token", "application/json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("active").asBoolean()).isFalse();
    }

    @Test
    @DisplayName("RFC 9701 §7: discovery lists introspection_signing_alg_values_supported")
    void requestWhenDiscoveryThenSigningAlgListed() throws Exception {
        assertThat(api.get("/.well-known/oauth-authorization-server", null).json()
                .get("introspection_signing_alg_values_supported").toString()).isEqualTo("[\"ES256\"]");
    }
}
