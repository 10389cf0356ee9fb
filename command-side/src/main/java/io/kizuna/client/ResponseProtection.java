package io.kizuna.client;

import io.kizuna.api.client.ClientResponseProtectionChanged;
import io.kizuna.ledger.Rules;
import io.kizuna.signingkey.SigningAlgorithms;
import java.util.List;

/**
 * A client's ID token and UserInfo protection (OIDC Dynamic Client Registration 1.0 §2):
 * <ul>
 *   <li>{@code id_token_encrypted_response_alg} / {@code _enc}: the signed ID token is nested in a JWE
 *       to the client's public key (OIDC Core §10.2, {@code cty: JWT});</li>
 *   <li>{@code userinfo_signed_response_alg}: UserInfo answers as a signed JWT with {@code iss} and
 *       {@code aud} (OIDC Core §5.3.2);</li>
 *   <li>{@code userinfo_encrypted_response_alg} / {@code _enc}: UserInfo answers as a JWE (nested when
 *       also signed);</li>
 *   <li>{@code jwks_uri} (RFC 7591 §2): where the client's encryption keys are fetched, instead of
 *       {@code jwks} by value (never both).</li>
 * </ul>
 * Key management algorithms: RSA-OAEP-256 (RSA keys of 2048 bits or more) and ECDH-ES, ECDH-ES+A128KW,
 * ECDH-ES+A256KW (EC P-256 keys). Content encryption: A128CBC-HS256 (the OIDC DCR §2 default when only the
 * {@code alg} is given), A128GCM, A256GCM. RSA1_5 and RSA-OAEP (SHA-1) are refused (RFC 8725 §3.2).
 */
public record ResponseProtection(String idTokenEncryptedResponseAlg,
                                 String idTokenEncryptedResponseEnc,
                                 String userinfoSignedResponseAlg,
                                 String userinfoEncryptedResponseAlg,
                                 String userinfoEncryptedResponseEnc,
                                 String jwksUri) {
    public static final ResponseProtection NONE = new ResponseProtection(null, null, null, null, null, null);
    public static final List<String> ENCRYPTION_ALGS = List.of("RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A128KW",
            "ECDH-ES+A256KW");
    public static final List<String> ENCRYPTION_ENCS = List.of("A128CBC-HS256", "A128GCM", "A256GCM");
    /** OIDC DCR §2: "If id_token_encrypted_response_alg is specified, the default for this value is A128CBC-HS256". */
    public static final String DEFAULT_ENC = "A128CBC-HS256";
    static final int MAX_URI = 2048;

    public static ResponseProtection of(ClientResponseProtectionChanged e) {
        return new ResponseProtection(e.idTokenEncryptedResponseAlg(), e.idTokenEncryptedResponseEnc(),
                e.userinfoSignedResponseAlg(), e.userinfoEncryptedResponseAlg(), e.userinfoEncryptedResponseEnc(),
                e.jwksUri());
    }

    public boolean encryptsIdToken() {
        return idTokenEncryptedResponseAlg != null;
    }

    public boolean encryptsUserinfo() {
        return userinfoEncryptedResponseAlg != null;
    }

    /** The effective content encryption of ID tokens, null when they are not encrypted. */
    public String idTokenEncOrDefault() {
        return idTokenEncryptedResponseAlg == null ? null
                : idTokenEncryptedResponseEnc == null ? DEFAULT_ENC : idTokenEncryptedResponseEnc;
    }

    /** The effective content encryption of UserInfo responses, null when they are not encrypted. */
    public String userinfoEncOrDefault() {
        return userinfoEncryptedResponseAlg == null ? null
                : userinfoEncryptedResponseEnc == null ? DEFAULT_ENC : userinfoEncryptedResponseEnc;
    }

    /**
     * The aggregate's checks, {@code invalid_client_metadata} (RFC 7591 §3.2.2) on any violation.
     *
     * @param jwks the client's registered JWK set (JSON) or null
     */
    public void check(String jwks) {
        checkPair("id_token", idTokenEncryptedResponseAlg, idTokenEncryptedResponseEnc);
        checkPair("userinfo", userinfoEncryptedResponseAlg, userinfoEncryptedResponseEnc);
        Rules.require(userinfoSignedResponseAlg == null || SigningAlgorithms.supported(userinfoSignedResponseAlg),
                "invalid_client_metadata", "userinfo_signed_response_alg must be one of " + SigningAlgorithms.SUPPORTED
                        + " (omit it for plain JSON UserInfo responses)");
        Rules.require(jwksUri == null || (jwksUri.length() <= MAX_URI && jwksUri.startsWith("http")),
                "invalid_client_metadata", "jwks_uri must be an absolute https URL (RFC 7591 §2)");
        Rules.require(jwksUri == null || jwks == null, "invalid_client_metadata",
                "jwks_uri and jwks must not both be present (RFC 7591 §2)");
        for (String alg : new String[] {idTokenEncryptedResponseAlg, userinfoEncryptedResponseAlg}) {
            if (alg != null && jwksUri == null) {
                Rules.require(ClientKeys.hasEncryptionKey(jwks, alg), "invalid_client_metadata",
                        "encryption with " + alg + " needs a public " + (alg.startsWith("RSA") ? "RSA (2048 bits or more)"
                                : "EC P-256") + " key with use enc (or no use) in jwks, or a jwks_uri (OIDC DCR §2)");
            }
        }
    }

    private static void checkPair(String what, String alg, String enc) {
        Rules.require(alg != null || enc == null, "invalid_client_metadata",
                what + "_encrypted_response_enc requires " + what + "_encrypted_response_alg (OIDC DCR §2)");
        Rules.require(alg == null || ENCRYPTION_ALGS.contains(alg), "invalid_client_metadata",
                what + "_encrypted_response_alg must be one of " + ENCRYPTION_ALGS);
        Rules.require(enc == null || ENCRYPTION_ENCS.contains(enc), "invalid_client_metadata",
                what + "_encrypted_response_enc must be one of " + ENCRYPTION_ENCS);
    }
}
