package io.kizuna.ui.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * RFC 8628 §5.1: user codes are short, so guessing them must be rate-limited. After 10 unknown codes
 * from one source address within 10 minutes, further lookups from it are refused until the window
 * ends. Per node, like the sign-in throttle; the codes' 10-minute life bounds what a cluster of nodes
 * could be made to try.
 */
@Component
public class DeviceCodeGuesses {
    static final int LIMIT = 10;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final ConcurrentHashMap<String, Window> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public DeviceCodeGuesses() {
        this(Clock.systemUTC());
    }

    DeviceCodeGuesses(Clock clock) {
        this.clock = clock;
    }

    public boolean allowed(String address) {
        Window w = failures.get(key(address));
        return w == null || w.start().plus(WINDOW).isBefore(clock.instant()) || w.count() < LIMIT;
    }

    public void failed(String address) {
        Instant now = clock.instant();
        failures.compute(key(address), (k, w) -> w == null || w.start().plus(WINDOW).isBefore(now)
                ? new Window(now, 1) : new Window(w.start(), w.count() + 1));
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> e.getValue().start().plus(WINDOW).isBefore(now));
        }
    }

    private static String key(String address) {
        return address == null ? "?" : address;
    }

    private record Window(Instant start, int count) {
    }
}
