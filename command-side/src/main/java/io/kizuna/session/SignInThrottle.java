package io.kizuna.session;

import io.kizuna.member.LoginKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Brute-force brake for password sign-in: after 5 failures for one login, or 20 from one source
 * address, within 15 minutes, further attempts are refused until the window has passed. The window
 * always ends, so an attacker cannot lock a member out for good. {@link #failed} tells the caller when
 * a login's window has just filled, so that a known member's lockout becomes a ledger event
 * ({@code member.login.locked}). Per node for now: a cluster-wide counter belongs to later work.
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

    /**
     * Counts a failure; answers when the login's pause ends if this very failure filled its window
     * (once per window, so one lockout is one event), empty otherwise.
     */
    public Optional<Instant> failed(String login, String address) {
        Instant now = clock.instant();
        Window window = bump("login:" + loginKeys.of(login), now);
        if (address != null) {
            bump("addr:" + address, now);
        }
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> e.getValue().start().plus(WINDOW).isBefore(now));
        }
        return window.count() == PER_LOGIN ? Optional.of(window.start().plus(WINDOW)) : Optional.empty();
    }

    /** Failed passwords for this login in its current window (the authentication policy's risk signal). */
    public int failures(String login) {
        return count("login:" + loginKeys.of(login), clock.instant());
    }

    public void succeeded(String login) {
        failures.remove("login:" + loginKeys.of(login));
    }

    /** Admin console: when the login's pause ends, if one is running. */
    public Optional<Instant> pausedUntil(String login) {
        Instant now = clock.instant();
        Window window = failures.get("login:" + loginKeys.of(login));
        return window == null || window.count() < PER_LOGIN || window.start().plus(WINDOW).isBefore(now)
                ? Optional.empty() : Optional.of(window.start().plus(WINDOW));
    }

    private int count(String key, Instant now) {
        Window window = failures.get(key);
        return window == null || window.start().plus(WINDOW).isBefore(now) ? 0 : window.count();
    }

    private Window bump(String key, Instant now) {
        return failures.compute(key, (k, w) -> w == null || w.start().plus(WINDOW).isBefore(now)
                ? new Window(now, 1) : new Window(w.start(), w.count() + 1));
    }

    private record Window(Instant start, int count) {
    }
}
