package io.kizuna.ui.fakes;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.AccountDeletionService;
import io.kizuna.api.member.MemberId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** Deletes (remembers) when the password is {@link FakeSignInService#PASSWORD}. */
@Component
public class FakeAccountDeletions implements AccountDeletionService {
    public final List<MemberId> deleted = new CopyOnWriteArrayList<>();

    @Override
    public void delete(MemberId memberId, char[] currentPassword) {
        if (!FakeSignInService.PASSWORD.equals(new String(currentPassword))) {
            throw new LedgerRejection("wrong_password", "the current password is not correct");
        }
        deleted.add(memberId);
    }
}
