package io.kizuna.api.member;

import java.util.List;

/** TOTP (RFC 6238) enrolment for the account console. */
public interface TotpEnrolmentService {

    /** A fresh secret to show (QR code and text); nothing is stored until {@link #confirm}. */
    Proposal propose(MemberId memberId);

    /**
     * Enrols {@code secret} when {@code code} is valid for it now; returns the recovery codes to show
     * once, or empty when the code is wrong.
     */
    java.util.Optional<List<String>> confirm(MemberId memberId, String secret, String code);

    /** Whether the member has an authenticator enrolled. */
    boolean enrolled(MemberId memberId);

    /**
     * Replaces the recovery codes of an enrolled member with ten new ones, returned to show once;
     * empty when no authenticator is enrolled.
     */
    java.util.Optional<List<String>> regenerateRecoveryCodes(MemberId memberId);

    /** How many recovery codes the member has left (0 when not enrolled). */
    int remainingRecoveryCodes(MemberId memberId);

    /** @param qrPngDataUri a {@code data:image/png;base64,…} image of {@code otpauthUri} */
    record Proposal(String secret, String otpauthUri, String qrPngDataUri) {
    }
}
