package io.kizuna.signingkey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.List;

/**
 * The server's own encryption keys ({@code use: enc}, RFC 7517 §4.2), which clients encrypt request
 * objects to (RFC 9101 §6.1, OIDC Core §6.1 and §10.2). They live in the same key ledger as the signing
 * keys ({@link SigningKey}), one active key per <em>family</em>, named by the ledger's {@code alg}:
 * <ul>
 *   <li>{@code RSA-OAEP-256}: an RSA-2048 key whose JWK carries {@code alg: RSA-OAEP-256} (RSA1_5 and
 *       RSA-OAEP with SHA-1 are never accepted, RFC 8725 §3.2);</li>
 *   <li>{@code ECDH-ES}: an EC P-256 key for the ECDH-ES family (ECDH-ES, ECDH-ES+A128KW, ECDH-ES+A256KW,
 *       RFC 7518 §4.6); its JWK has no {@code alg}, so any member of the family may use it (RFC 7517 §4.4).</li>
 * </ul>
 */
public final class EncryptionKeyAlgorithms {
    /** The ledger names of the key families, in JWKS order. */
    public static final List<String> SUPPORTED = List.of("RSA-OAEP-256", "ECDH-ES");
    /** The JWE {@code alg} values a request object may use (discovery's request_object_encryption_alg_values_supported). */
    public static final List<String> JWE_ALGS = List.of("RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A256KW");
    /** The JWE {@code enc} values accepted (request_object_encryption_enc_values_supported). */
    public static final List<String> JWE_ENCS = List.of("A128CBC-HS256", "A128GCM", "A256GCM");

    private EncryptionKeyAlgorithms() {
    }

    public static boolean supported(String family) {
        return family != null && SUPPORTED.contains(family);
    }

    /** The ledger family a JWE {@code alg} needs a key of, or null when the alg is not accepted. */
    public static String familyOf(String jweAlg) {
        if (jweAlg == null || !JWE_ALGS.contains(jweAlg)) {
            return null;
        }
        return jweAlg.startsWith("RSA") ? "RSA-OAEP-256" : "ECDH-ES";
    }

    /** A new private JWK of {@code family} with {@code kid} and {@code use: enc}. */
    public static JWK generate(String family, String kid) {
        try {
            return switch (family) {
                case "RSA-OAEP-256" -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.ENCRYPTION)
                        .algorithm(JWEAlgorithm.RSA_OAEP_256).generate();
                case "ECDH-ES" -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.ENCRYPTION).generate();
                default -> throw new IllegalArgumentException("unsupported encryption key family " + family);
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a " + family + " key", e);
        }
    }

    /** Whether {@code jwk} is a well-formed public key of {@code family} for encryption. */
    static boolean fits(String family, JWK jwk) {
        if (!KeyUse.ENCRYPTION.equals(jwk.getKeyUse())) {
            return false;
        }
        return switch (family) {
            case "RSA-OAEP-256" -> jwk instanceof RSAKey rsa && rsa.size() >= 2048
                    && jwk.getAlgorithm() != null && "RSA-OAEP-256".equals(jwk.getAlgorithm().getName());
            case "ECDH-ES" -> jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve()) && jwk.getAlgorithm() == null;
            default -> false;
        };
    }

    /** A decrypter for a private JWK made by {@link #generate}. */
    public static JWEDecrypter decrypter(JWK key) {
        try {
            return switch (key) {
                case RSAKey rsa -> new RSADecrypter(rsa);
                case ECKey ec -> new ECDHDecrypter(ec);
                default -> throw new IllegalArgumentException("unsupported key type " + key.getKeyType());
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot use encryption key " + key.getKeyID(), e);
        }
    }
}
