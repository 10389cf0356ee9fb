package io.kizuna.api.member;

/**
 * A member deleting their own account from the account console (GDPR Art. 17). It runs the same
 * "forget member" path as the admin API at once — crypto-shredding of the member's data key, every grant
 * revoked, every session ended — with {@code requestedVia = "account_console"}. No queue: a request
 * that waits for an administrator would keep personal data the member asked to erase.
 */
public interface AccountDeletionService {

    /**
     * Forgets the member after checking their current password (a stolen session alone cannot delete an
     * account). Refused with {@link io.kizuna.api.LedgerRejection} {@code wrong_password}.
     */
    void delete(MemberId memberId, char[] currentPassword);
}
