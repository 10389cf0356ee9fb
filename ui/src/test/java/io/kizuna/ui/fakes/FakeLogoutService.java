package io.kizuna.ui.fakes;

import io.kizuna.api.session.LogoutService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * Three parked requests: {@link #PLAIN} from "Example Shop" with a post-logout redirect, {@link #MATCHING}
 * whose ID token hint names the fake session, and {@link #NO_REDIRECT}; remembers completions and cancels.
 */
@Component
public class FakeLogoutService implements LogoutService {
    public static final String PLAIN = "plain-request";
    public static final String MATCHING = "matching-request";
    public static final String NO_REDIRECT = "no-redirect-request";
    public static final String REDIRECT = "https://shop.example.jp/bye?state=xyz";
    public static final String SESSION_ID = "session-1";
    /** Front-Channel Logout 1.0 §4: a request whose session had two RPs with frontchannel_logout_uris. */
    public static final String FRONT_CHANNEL = "front-channel-request";
    public static final List<io.kizuna.api.session.FrontChannelLogoutFrame> FRAMES = List.of(
            new io.kizuna.api.session.FrontChannelLogoutFrame("Example Shop",
                    "https://shop.example.jp/fc?iss=https%3A%2F%2Fid.example.jp&sid=session-1", "https://shop.example.jp"),
            new io.kizuna.api.session.FrontChannelLogoutFrame("News", "https://news.example.jp:8443/logout",
                    "https://news.example.jp:8443"));

    public final List<String> completed = new CopyOnWriteArrayList<>();
    public final List<String> cancelled = new CopyOnWriteArrayList<>();

    public void reset() {
        completed.clear();
        cancelled.clear();
    }

    @Override
    public Optional<LogoutPrompt> find(String requestId) {
        if (PLAIN.equals(requestId)) {
            return Optional.of(new LogoutPrompt(requestId, "Example Shop", "another-session",
                    FakeSignInService.MEMBER_ID));
        }
        if (MATCHING.equals(requestId)) {
            return Optional.of(new LogoutPrompt(requestId, "Example Shop", SESSION_ID, FakeSignInService.MEMBER_ID));
        }
        if (FRONT_CHANNEL.equals(requestId)) {
            return Optional.of(new LogoutPrompt(requestId, "Example Shop", SESSION_ID, FakeSignInService.MEMBER_ID));
        }
        if (NO_REDIRECT.equals(requestId)) {
            return Optional.of(new LogoutPrompt(requestId, null, null, null));
        }
        return Optional.empty();
    }

    @Override
    public Optional<LogoutOutcome> complete(String requestId, String sessionCookieValue) {
        if (find(requestId).isEmpty() || completed.stream().anyMatch(c -> c.startsWith(requestId + "/"))) {
            return Optional.empty();
        }
        completed.add(requestId + "/" + sessionCookieValue);
        if (FRONT_CHANNEL.equals(requestId)) {
            return Optional.of(new LogoutOutcome(REDIRECT, FRAMES));
        }
        return Optional.of(new LogoutOutcome(NO_REDIRECT.equals(requestId) ? null : REDIRECT));
    }

    @Override
    public boolean cancel(String requestId) {
        cancelled.add(requestId);
        return true;
    }
}
