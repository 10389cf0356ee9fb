package io.kizuna.client;

import io.kizuna.api.client.ClientAuthorizationResponseChanged;
import io.kizuna.ledger.Rules;
import io.kizuna.signingkey.SigningAlgorithms;

/**
 * A client's JARM metadata (JWT Secured Authorization Response Mode for OAuth 2.0 §3):
 * <ul>
 *   <li>{@code authorization_signed_response_alg}: the JWS algorithm of the response JWT; when omitted
 *       the server signs with RS256, the spec's default (§3), except for a FAPI client, whose profile
 *       does not allow RS256: it gets PS256 (FAPI 1.0 Advanced §8.6); {@code none} is never allowed;</li>
 *   <li>{@code authorization_encrypted_response_alg} / {@code _enc}: the signed response JWT is nested in
 *       a JWE to the client's public key ({@code jwks} or {@code jwks_uri}); {@code enc} defaults to
 *       A128CBC-HS256 when only the {@code alg} is given (§3).</li>
 * </ul>
 * The algorithms are those of {@link ResponseProtection} (encryption) and {@link SigningAlgorithms}.
 */
public record AuthorizationResponseSettings(String signedResponseAlg,
                                            String encryptedResponseAlg,
                                            String encryptedResponseEnc) {
    public static final AuthorizationResponseSettings NONE = new AuthorizationResponseSettings(null, null, null);
    /** JARM §3: "the default algorithm to use for signing authorization responses is RS256". */
    public static final String DEFAULT_SIGNING_ALG = "RS256";
    /** The default of a FAPI client (its profiles allow PS256 and ES256, not RS256). */
    public static final String FAPI_DEFAULT_SIGNING_ALG = "PS256";

    public static AuthorizationResponseSettings of(ClientAuthorizationResponseChanged e) {
        return new AuthorizationResponseSettings(e.authorizationSignedResponseAlg(),
                e.authorizationEncryptedResponseAlg(), e.authorizationEncryptedResponseEnc());
    }

    public boolean encrypts() {
        return encryptedResponseAlg != null;
    }

    /** The algorithm the response JWT is signed with for a client of {@code profile}. */
    public String signedResponseAlgOrDefault(ClientProfile profile) {
        return signedResponseAlg != null ? signedResponseAlg
                : profile.fapi() ? FAPI_DEFAULT_SIGNING_ALG : DEFAULT_SIGNING_ALG;
    }

    /** The effective content encryption, null when the response is not encrypted (JARM §3). */
    public String encOrDefault() {
        return encryptedResponseAlg == null ? null
                : encryptedResponseEnc == null ? ResponseProtection.DEFAULT_ENC : encryptedResponseEnc;
    }

    /**
     * The aggregate's checks, {@code invalid_client_metadata} (RFC 7591 §3.2.2) on any violation.
     *
     * @param jwks    the client's registered JWK set (JSON) or null
     * @param jwksUri the client's registered jwks_uri or null
     * @param profile the client's security profile, whose algorithms bind the signature
     */
    public void check(String jwks, String jwksUri, ClientProfile profile) {
        Rules.require(signedResponseAlg == null || SigningAlgorithms.supported(signedResponseAlg),
                "invalid_client_metadata", "authorization_signed_response_alg must be one of "
                        + SigningAlgorithms.SUPPORTED + "; none is not allowed (JARM section 3)");
        Rules.require(!profile.fapi() || profile.signingAlgorithms().contains(signedResponseAlgOrDefault(profile)),
                "invalid_client_metadata", "authorization_signed_response_alg " + signedResponseAlg
                        + " is not allowed for " + profile.value() + "; use one of " + profile.signingAlgorithms());
        Rules.require(encryptedResponseAlg != null || encryptedResponseEnc == null, "invalid_client_metadata",
                "authorization_encrypted_response_enc requires authorization_encrypted_response_alg (JARM section 3)");
        Rules.require(encryptedResponseAlg == null || ResponseProtection.ENCRYPTION_ALGS.contains(encryptedResponseAlg),
                "invalid_client_metadata", "authorization_encrypted_response_alg must be one of "
                        + ResponseProtection.ENCRYPTION_ALGS);
        Rules.require(encryptedResponseEnc == null || ResponseProtection.ENCRYPTION_ENCS.contains(encryptedResponseEnc),
                "invalid_client_metadata", "authorization_encrypted_response_enc must be one of "
                        + ResponseProtection.ENCRYPTION_ENCS);
        if (encryptedResponseAlg != null && jwksUri == null) {
            Rules.require(ClientKeys.hasEncryptionKey(jwks, encryptedResponseAlg), "invalid_client_metadata",
                    "encryption with " + encryptedResponseAlg + " needs a public "
                            + (encryptedResponseAlg.startsWith("RSA") ? "RSA (2048 bits or more)" : "EC P-256")
                            + " key with use enc (or no use) in jwks, or a jwks_uri (JARM section 3)");
        }
    }
}
