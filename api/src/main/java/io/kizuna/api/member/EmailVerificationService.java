package io.kizuna.api.member;

/**
 * E-mail verification by a one-time link: a 256-bit token, kept only as its hash, valid for 24 hours.
 */
public interface EmailVerificationService {

    /** Redeems a token from a verification link. */
    Outcome verify(String token);

    /** Sends a fresh link to the member's address; refused with {@code already_verified} when verified. */
    void resend(MemberId memberId);

    enum Outcome {
        VERIFIED,
        /** Unknown, used or expired: the page does not say which, so a token cannot be probed. */
        INVALID
    }
}
