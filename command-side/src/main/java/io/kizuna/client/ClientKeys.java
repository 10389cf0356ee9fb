package io.kizuna.client;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;

/**
 * The JWK set a {@code private_key_jwt} client registers by value (RFC 7591 §2 {@code jwks}). Only
 * public keys of the kinds the assertion verifier accepts are allowed: a private key sent to us would
 * be a leaked key, and an unusable key would fail only at the first token request.
 */
public final class ClientKeys {
    static final int MIN_RSA_BITS = 2048;

    private ClientKeys() {
    }

    public static boolean validPublicJwks(String json) {
        if (json == null || json.isBlank()) {
            return false;
        }
        try {
            JWKSet set = JWKSet.parse(json);
            return !set.getKeys().isEmpty() && set.getKeys().stream().allMatch(ClientKeys::usable);
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    private static boolean usable(JWK key) {
        if (key.isPrivate()) {
            return false;
        }
        return switch (key) {
            case ECKey ec -> Curve.P_256.equals(ec.getCurve());
            case RSAKey rsa -> rsa.size() >= MIN_RSA_BITS;
            case OctetKeyPair okp -> Curve.Ed25519.equals(okp.getCurve());
            default -> false;
        };
    }
}
