package io.kizuna.ui.fakes;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PasswordService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** The reset and change rules reduced to what the pages translate. */
@Component
public class FakePasswordService implements PasswordService {
    public static final String GOOD_TOKEN = "r3set-t0ken";
    public static final String THROTTLED_ADDRESS = "203.0.113.9";
    public static final String CURRENT = FakeSignInService.PASSWORD;

    public final List<String> requested = new CopyOnWriteArrayList<>();
    public final List<String> changes = new CopyOnWriteArrayList<>();

    public void reset() {
        requested.clear();
        changes.clear();
    }

    @Override
    public void requestReset(String email, String sourceAddress) {
        if (THROTTLED_ADDRESS.equals(sourceAddress)) {
            throw new LedgerRejection("throttled", "too many reset requests");
        }
        requested.add(email);
    }

    @Override
    public boolean resetTokenValid(String token) {
        return GOOD_TOKEN.equals(token);
    }

    @Override
    public void reset(String token, char[] newPassword) {
        if (!GOOD_TOKEN.equals(token)) {
            throw new LedgerRejection("invalid_token", "unknown, used or expired");
        }
        check(newPassword);
        changes.add("reset:" + new String(newPassword));
    }

    @Override
    public void change(MemberId memberId, String currentSessionId, char[] currentPassword, char[] newPassword) {
        if (!CURRENT.equals(new String(currentPassword))) {
            throw new LedgerRejection("wrong_password", "the current password is not correct");
        }
        check(newPassword);
        changes.add("account:" + memberId.value() + ":" + currentSessionId + ":" + new String(newPassword));
    }

    private static void check(char[] password) {
        if (password.length < 10 || password.length > 256) {
            throw new LedgerRejection("weak_password", "10 to 256 characters");
        }
        if ("password1234".equals(new String(password))) {
            throw new LedgerRejection("common_password", "too common");
        }
    }
}
