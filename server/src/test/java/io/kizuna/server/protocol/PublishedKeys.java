package io.kizuna.server.protocol;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Verifies a token the way a relying party or resource server would: against the published JWKS only,
 * with Nimbus for ES256/PS256/RS256 and the JDK for Ed25519 (RFC 8037 §3.1), independent of server code.
 */
final class PublishedKeys {
    private PublishedKeys() {
    }

    static JWKSet fetch(Api api) throws Exception {
        return JWKSet.parse(api.get("/oauth2/jwks", null).raw().body());
    }

    static boolean verifies(String token, JWKSet jwks) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        if (key == null) {
            return false;
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!alg.equals(key.getAlgorithm())) {
            return false;
        }
        if (key instanceof ECKey ec) {
            return jwt.verify(new ECDSAVerifier(ec));
        }
        if (key instanceof RSAKey rsa) {
            return jwt.verify(new RSASSAVerifier(rsa));
        }
        if (key instanceof OctetKeyPair okp) {
            byte[] spki = HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(okp.getDecodedX()));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
            signature.update(jwt.getSigningInput());
            return signature.verify(jwt.getSignature().decode());
        }
        return false;
    }
}
