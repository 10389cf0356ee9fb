package io.kizuna.api.member;

/**
 * Password reset by a mailed one-time link (30 minutes) and password change in the account console.
 * Refusals are {@link io.kizuna.api.LedgerRejection}s with stable codes: {@code throttled},
 * {@code invalid_token}, {@code weak_password}, {@code common_password}, {@code wrong_password}.
 */
public interface PasswordService {

    /**
     * Mails a reset link when {@code email} belongs to a member, and does nothing otherwise: the caller
     * answers the same either way. Refused with {@code throttled} for a source address asking too often.
     */
    void requestReset(String email, String sourceAddress);

    /** Whether a reset link's token is still good, so the page can ask for a new password at all. */
    boolean resetTokenValid(String token);

    /** Sets a new password with a reset token; ends every session of the member. */
    void reset(String token, char[] newPassword);

    /** Sets a new password after checking the current one; ends the member's other sessions. */
    void change(MemberId memberId, String currentSessionId, char[] currentPassword, char[] newPassword);
}
