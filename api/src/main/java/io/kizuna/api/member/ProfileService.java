package io.kizuna.api.member;

/**
 * Profile editing in the account console: name, e-mail address, phone number, postal address and the other
 * OIDC Core §5.1 standard claims. Refusals are {@link io.kizuna.api.LedgerRejection}s with stable codes:
 * {@code invalid_name}, {@code invalid_email}, {@code email_taken}, {@code invalid_phone},
 * {@code invalid_address}, {@code member_forgotten}; invalid standard claims are a {@link ProfileRejected}
 * naming each field and its problem.
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
    boolean update(MemberId memberId, ProfileChange change);

    /** {@link #update(MemberId, ProfileChange)} keeping the locale and the other standard claims as they are. */
    default boolean update(MemberId memberId, String name, String email, String phoneNumber, String address) {
        return update(memberId, new ProfileChange(name, email, phoneNumber, address, null, null));
    }

    /**
     * The whole edited profile as typed. {@code locale} null keeps the current one; {@code claims} null keeps the
     * current standard claims (its {@code updatedAt} and {@code phoneNumberVerified} are always decided by the
     * service, never taken from here).
     */
    record ProfileChange(String name, String email, String phoneNumber, String address, String locale,
                         StandardClaims claims) {
    }
}
