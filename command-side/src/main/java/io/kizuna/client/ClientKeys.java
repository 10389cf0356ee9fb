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

    /** Whether {@code jwks} (JSON, may be null) holds a public key that can receive JWEs with {@code alg}. */
    public static boolean hasEncryptionKey(String jwks, String alg) {
        if (jwks == null || jwks.isBlank()) {
            return false;
        }
        try {
            return encryptionKey(JWKSet.parse(jwks), alg).isPresent();
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The client's key for JWEs with {@code alg} (OIDC Core §10.2): {@code use} enc or absent (RFC 7517
     * §4.2), {@code alg} equal or absent (§4.4), public, and of the key type the algorithm needs — RSA of
     * 2048 bits or more for RSA-OAEP-256, EC P-256 for ECDH-ES*. The first match in the set wins.
     */
    public static java.util.Optional<JWK> encryptionKey(JWKSet set, String alg) {
        return set.getKeys().stream()
                .filter(key -> !key.isPrivate())
                .filter(key -> key.getKeyUse() == null || com.nimbusds.jose.jwk.KeyUse.ENCRYPTION.equals(key.getKeyUse()))
                .filter(key -> key.getAlgorithm() == null || key.getAlgorithm().getName().equals(alg))
                .filter(key -> alg.startsWith("RSA") ? key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS
                        : key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()))
                .findFirst();
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
