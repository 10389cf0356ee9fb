package io.kizuna.ui.fakes;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.SessionService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** Remembers what was asked to end. */
@Component
public class FakeSessionService implements SessionService {
    public final List<String> ended = new CopyOnWriteArrayList<>();

    @Override
    public boolean signOut(String sessionCookieValue) {
        ended.add("cookie:" + sessionCookieValue);
        return true;
    }

    @Override
    public boolean end(MemberId memberId, String sessionId) {
        ended.add(memberId.value() + "/" + sessionId);
        return true;
    }

    @Override
    public int endAll(MemberId memberId) {
        ended.add(memberId.value() + "/*");
        return 2;
    }
}
