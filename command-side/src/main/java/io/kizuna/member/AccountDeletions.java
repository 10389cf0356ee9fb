package io.kizuna.member;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.AccountDeletionService;
import io.kizuna.api.member.MemberId;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** {@link AccountDeletionService}: the current password, then {@link MemberForgetting}. */
@Service
public class AccountDeletions implements AccountDeletionService {
    static final String REQUESTED_VIA = "account_console";

    private final MemberCredentialLookup credentials;
    private final PasswordHasher hasher;
    private final MemberForgetting forgetting;

    public AccountDeletions(MemberCredentialLookup credentials, PasswordHasher hasher, MemberForgetting forgetting) {
        this.credentials = credentials;
        this.hasher = hasher;
        this.forgetting = forgetting;
    }

    @Override
    public void delete(MemberId memberId, char[] currentPassword) {
        Optional<String> hash = credentials.passwordHashOf(memberId.value());
        if (hash.isEmpty() || currentPassword == null || currentPassword.length == 0
                || currentPassword.length > PasswordRules.MAX_LENGTH || !hasher.verify(currentPassword, hash.get())) {
            throw new LedgerRejection("wrong_password", "the current password is not correct");
        }
        forgetting.forget(memberId, REQUESTED_VIA);
    }
}
