package io.kizuna.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;

/** Checks an ID token as a relying party must (OIDC Core §3.1.3.7), using the published JWKS. */
final class IdTokens {
    private IdTokens() {
    }

    static void assertValid(String idToken, Api api, String issuer, String clientId, String memberId, String nonce,
                            String accessToken) throws Exception {
        JWKSet jwks = JWKSet.parse(api.get("/oauth2/jwks", null).raw().body());
        SignedJWT jwt = SignedJWT.parse(idToken);
        ECKey key = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).as("signing key published in the JWKS").isNotNull();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getAudience()).containsExactly(clientId);
        assertThat(claims.getSubject()).isEqualTo(memberId);
        assertThat(claims.getStringClaim("nonce")).isEqualTo(nonce);
        assertThat(claims.getExpirationTime()).isAfter(new Date());
        assertThat(claims.getLongClaim("auth_time")).isNotNull();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        assertThat(claims.getStringClaim("at_hash")).isEqualTo(
                Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)));
    }
}
