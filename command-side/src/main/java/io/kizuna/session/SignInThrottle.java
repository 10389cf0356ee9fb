package io.kizuna.session;

import io.kizuna.member.LoginKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Brute-force brake for password sign-in: after 5 failures for one login, or 20 from one source
 * address, within 15 minutes, further attempts are refused until the window has passed. The window
 * always ends, so an attacker cannot lock a member out for good. Per node for now: a cluster-wide
 * counter (and lockout events) belongs to the members/sign-in work.
 */
@Component
public class SignInThrottle {
    static final int PER_LOGIN = 5;
    static final int PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final ConcurrentHashMap<String, Window> failures = new ConcurrentHashMap<>();
    private final LoginKeys loginKeys;
    private final Clock clock;

    public SignInThrottle(LoginKeys loginKeys, Clock clock) {
        this.loginKeys = loginKeys;
        this.clock = clock;
    }

    public boolean allowed(String login, String address) {
        Instant now = clock.instant();
        return count("login:" + loginKeys.of(login), now) < PER_LOGIN
                && (address == null || count("addr:" + address, now) < PER_ADDRESS);
    }

    public void failed(String login, String address) {
        Instant now = clock.instant();
        bump("login:" + loginKeys.of(login), now);
        if (address != null) {
            bump("addr:" + address, now);
        }
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> e.getValue().start().plus(WINDOW).isBefore(now));
        }
    }

    public void succeeded(String login) {
        failures.remove("login:" + loginKeys.of(login));
    }

    private int count(String key, Instant now) {
        Window window = failures.get(key);
        return window == null || window.start().plus(WINDOW).isBefore(now) ? 0 : window.count();
    }

    private void bump(String key, Instant now) {
        failures.compute(key, (k, w) -> w == null || w.start().plus(WINDOW).isBefore(now)
                ? new Window(now, 1) : new Window(w.start(), w.count() + 1));
    }

    private record Window(Instant start, int count) {
    }
}
