package io.kizuna.protocol.oauth2.dpop;

/**
 * A DPoP proof that fails RFC 9449 §4.3 ({@code invalid_dpop_proof}) or lacks a valid server nonce
 * ({@code use_dpop_nonce}, §8). The token endpoint answers 400 (§5, RFC 6749 §5.2), a protected
 * resource 401 with a {@code DPoP} challenge (§7.1); both add {@code DPoP-Nonce} for the nonce case.
 */
public class DPoPProofRejected extends RuntimeException {
    public static final String INVALID_DPOP_PROOF = "invalid_dpop_proof";
    public static final String USE_DPOP_NONCE = "use_dpop_nonce";

    private final String error;

    DPoPProofRejected(String error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    static DPoPProofRejected invalid(String description) {
        return new DPoPProofRejected(INVALID_DPOP_PROOF, description);
    }

    public String error() {
        return error;
    }

    public boolean wantsNonce() {
        return USE_DPOP_NONCE.equals(error);
    }
}
