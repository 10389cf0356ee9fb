package io.kizuna.api.member;

/**
 * Profile editing in the account console: name, e-mail address, phone number and postal address (OIDC
 * Core §5.1 standard claims). Refusals are {@link io.kizuna.api.LedgerRejection}s with stable codes:
 * {@code invalid_name}, {@code invalid_email}, {@code email_taken}, {@code invalid_phone},
 * {@code invalid_address}, {@code member_forgotten}.
 */
public interface ProfileService {

    /** The member's current profile; null when the member was forgotten. */
    PersonalData current(MemberId memberId);

    /**
     * Records {@code member.profile.updated} when something changed (nothing otherwise). A new e-mail
     * address becomes the sign-in login at once, is unverified, and gets a verification link.
     *
     * @return whether the e-mail address changed
     */
    boolean update(MemberId memberId, String name, String email, String phoneNumber, String address);
}
