package io.kizuna.ui.fakes;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.EmailVerificationService;
import io.kizuna.api.member.MemberId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** One good token; members whose id is {@link #VERIFIED_MEMBER} are verified already. */
@Component
public class FakeEmailVerifications implements EmailVerificationService {
    public static final String GOOD_TOKEN = "g00d-t0ken";
    public static final String VERIFIED_MEMBER = "verified-member";

    public final List<String> resent = new CopyOnWriteArrayList<>();
    public final List<String> redeemed = new CopyOnWriteArrayList<>();

    public void reset() {
        resent.clear();
        redeemed.clear();
    }

    @Override
    public Outcome verify(String token) {
        if (GOOD_TOKEN.equals(token) && !redeemed.contains(token)) {
            redeemed.add(token);
            return Outcome.VERIFIED;
        }
        return Outcome.INVALID;
    }

    @Override
    public void resend(MemberId memberId) {
        if (VERIFIED_MEMBER.equals(memberId.value())) {
            throw new LedgerRejection("already_verified", "the e-mail address is already verified");
        }
        resent.add(memberId.value());
    }
}
