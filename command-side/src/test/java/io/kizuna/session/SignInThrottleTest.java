package io.kizuna.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.crypto.MasterKey;
import io.kizuna.member.LoginKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    static final Instant START = Instant.parse("2026-11-26T03:00:00Z");
    static final LoginKeys KEYS = new LoginKeys(MasterKey.ofBase64(Base64.getEncoder().encodeToString(new byte[32])));

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theFailureThatFillsALoginWindowTellsWhenThePauseEndsOnce() {
        MovableClock clock = new MovableClock();
        SignInThrottle throttle = new SignInThrottle(KEYS, clock);
        for (int i = 1; i < SignInThrottle.PER_LOGIN; i++) {
            assertThat(throttle.failed("hanako@example.jp", "192.0.2.1")).as("failure %d", i).isEmpty();
            clock.now = clock.now.plusSeconds(10);
        }
        assertThat(throttle.failed("Hanako@Example.jp ", "192.0.2.1")).contains(START.plus(SignInThrottle.WINDOW));
        assertThat(throttle.allowed("hanako@example.jp", "192.0.2.2")).isFalse();
        assertThat(throttle.allowed("taro@example.jp", "192.0.2.1")).as("another login from that address").isTrue();
    }

    @Test
    void thePauseEndsByItselfAndANewWindowCanFillAgain() {
        MovableClock clock = new MovableClock();
        SignInThrottle throttle = new SignInThrottle(KEYS, clock);
        Optional<Instant> until = Optional.empty();
        for (int i = 0; i < SignInThrottle.PER_LOGIN; i++) {
            until = throttle.failed("hanako@example.jp", null);
        }
        assertThat(until).isPresent();
        clock.now = until.get().plus(Duration.ofSeconds(1));
        assertThat(throttle.allowed("hanako@example.jp", null)).isTrue();
        for (int i = 1; i < SignInThrottle.PER_LOGIN; i++) {
            assertThat(throttle.failed("hanako@example.jp", null)).isEmpty();
        }
        assertThat(throttle.failed("hanako@example.jp", null)).contains(clock.now.plus(SignInThrottle.WINDOW));
    }
}
