package io.kizuna.server.protocol;

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
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * FAPI 2.0 Security Profile §5.3.2.1 item 9: "shall not use refresh token rotation except in extraordinary
 * circumstances". A FAPI 2.0 client's refresh token (confidential, sender-constrained: RFC 9700 §4.14.2's
 * other protection) is used again and again; each refresh issues a DPoP-bound access token and no new
 * refresh token. The whole flow is the real one: PAR with private_key_jwt, sign-in and consent, DPoP.
 */
@KizunaIntegrationTest
class FapiRefreshTokenIT {
    static final String REDIRECT = "https://bank-app-refresh.example.jp/cb";
    static final String PASSWORD = "fapi refresh token password";

    @Value("${kizuna.issuer}")
    String issuer;
    @Autowired
    JdbcTemplate jdbc;

    String assertion(ECKey key, String clientId) throws Exception {
        return ClientAssertionIT.sign(new ECDSASigner(key), JWSAlgorithm.ES256, key.getKeyID(),
                new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(issuer)
                        .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                        .jwtID(UUID.randomUUID().toString()).build());
    }

    Api.Response token(Api api, Map<String, String> form, String proof) throws Exception {
        return api.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("DPoP", proof)
                .POST(HttpRequest.BodyPublishers.ofString(Browser.encode(form))).build());
    }

    @Test
    @DisplayName("FAPI 2.0 SP §5.3.2.1 item 9: a FAPI 2.0 client's refresh token is not rotated — it works twice, each time for a DPoP-bound access token, and no new refresh token is issued")
    void refreshWhenFapi2ClientThenSameRefreshTokenKeepsWorking() throws Exception {
        Api api = new Api(issuer);
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("fapi-refresh-" + UUID.randomUUID()).generate();
        Api.Response registered = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "FAPI refresh " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code", "refresh_token"), "scope", "openid offline_access",
                "token_endpoint_auth_method", "private_key_jwt", "jwks", new JWKSet(key).toJSONObject(true),
                "client_profile", "fapi2-security"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String clientId = registered.json().get("client_id").asText();
        String email = "fapi-refresh-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "FAPI Refresh");

        Pkce pkce = Pkce.generate();
        Map<String, String> push = new HashMap<>(Map.of("client_id", clientId, "response_type", "code",
                "redirect_uri", REDIRECT, "scope", "openid offline_access", "prompt", "consent",
                "state", "s-" + UUID.randomUUID(), "nonce", "n-" + UUID.randomUUID(),
                "code_challenge", pkce.challenge(), "code_challenge_method", "S256"));
        push.put("client_assertion_type", ClientAssertionIT.JWT_BEARER);
        push.put("client_assertion", assertion(key, clientId));
        Api.Response pushed = api.postForm("/oauth2/par", null, null, push);
        assertThat(pushed.status()).as(pushed.raw().body()).isEqualTo(201);
        Browser browser = new Browser(issuer);
        Map<String, String> response = CodeFlow.complete(browser, browser.get("/oauth2/authorize?client_id=" + clientId
                + "&request_uri=" + URLEncoder.encode(pushed.json().get("request_uri").asText(), StandardCharsets.UTF_8)),
                email, PASSWORD);
        assertThat(response).containsKey("code");

        DPoPIT.DPoPKey dpop = DPoPIT.DPoPKey.generate();
        String tokenUri = issuer + "/oauth2/token";
        Api.Response tokens = token(api, Map.of("grant_type", "authorization_code", "code", response.get("code"),
                "redirect_uri", REDIRECT, "code_verifier", pkce.verifier(),
                "client_assertion_type", ClientAssertionIT.JWT_BEARER, "client_assertion", assertion(key, clientId)),
                dpop.proof("POST", tokenUri, c -> { }));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        String refreshToken = tokens.json().get("refresh_token").asText();
        assertThat(refreshToken).isNotBlank();

        for (int i = 0; i < 2; i++) {
            Api.Response refreshed = token(api, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                    "client_assertion_type", ClientAssertionIT.JWT_BEARER, "client_assertion", assertion(key, clientId)),
                    dpop.proof("POST", tokenUri, c -> { }));
            assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
            assertThat(refreshed.json().get("token_type").asText()).isEqualTo("DPoP");
            assertThat(refreshed.json().has("refresh_token")).as("no new refresh token").isFalse();
        }
        String grantId = jdbc.queryForObject("SELECT aggregateidentifier FROM domainevententry WHERE payloadtype LIKE"
                + " '%AuthorizationCodeIssued' AND convert_from(payload, 'UTF8') LIKE ?", String.class,
                "%" + clientId + "%");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND"
                + " payloadtype LIKE '%RefreshTokenRotated'", Integer.class, grantId)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND"
                + " payloadtype LIKE '%AccessTokenIssued'", Integer.class, grantId)).isEqualTo(3);
    }
}
