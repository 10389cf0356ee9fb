package io.kizuna.signingkey;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code kizuna.signing-keys}.
 *
 * @param algorithms  the JWS algorithms that get an active key at start (default all four supported:
 *                    ES256, PS256, RS256, EdDSA); ES256 is always among them (the default for tokens)
 * @param overlap     how long a rotated key stays in the JWKS (default one day: longer than any token a key
 *                    signs may live, see {@code ClientTokenSettings} bounds)
 * @param rotateAfter optional: rotate a key automatically once it has been active this long (e.g. P90D);
 *                    unset means rotation only through the admin API
 * @param encryptionAlgorithms the {@code use: enc} key families that get an active key at start, for
 *                    request objects encrypted to this server (RFC 9101 §6.1; default both:
 *                    RSA-OAEP-256 and ECDH-ES, see {@link EncryptionKeyAlgorithms})
 */
@ConfigurationProperties(prefix = "kizuna.signing-keys")
public record SigningKeyProperties(List<String> algorithms, Duration overlap, Duration rotateAfter,
                                   List<String> encryptionAlgorithms) {
    public SigningKeyProperties {
        algorithms = algorithms == null || algorithms.isEmpty() ? SigningAlgorithms.SUPPORTED : List.copyOf(algorithms);
        if (!algorithms.contains(SigningAlgorithms.DEFAULT)) {
            algorithms = java.util.stream.Stream.concat(java.util.stream.Stream.of(SigningAlgorithms.DEFAULT),
                    algorithms.stream()).toList();
        }
        for (String alg : algorithms) {
            if (!SigningAlgorithms.SUPPORTED.contains(alg)) {
                throw new IllegalArgumentException("kizuna.signing-keys.algorithms: unsupported " + alg
                        + "; supported are " + SigningAlgorithms.SUPPORTED);
            }
        }
        encryptionAlgorithms = encryptionAlgorithms == null || encryptionAlgorithms.isEmpty()
                ? EncryptionKeyAlgorithms.SUPPORTED : List.copyOf(encryptionAlgorithms);
        for (String family : encryptionAlgorithms) {
            if (!EncryptionKeyAlgorithms.supported(family)) {
                throw new IllegalArgumentException("kizuna.signing-keys.encryption-algorithms: unsupported " + family
                        + "; supported are " + EncryptionKeyAlgorithms.SUPPORTED);
            }
        }
        overlap = overlap == null ? Duration.ofDays(1) : overlap;
        if (overlap.isNegative() || overlap.isZero()) {
            throw new IllegalArgumentException("kizuna.signing-keys.overlap must be positive");
        }
    }

    /** The signing algorithms, then the encryption-key families: every key the server keeps active. */
    public List<String> allAlgorithms() {
        return java.util.stream.Stream.concat(algorithms.stream(), encryptionAlgorithms.stream()).toList();
    }
}
