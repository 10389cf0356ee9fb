package io.kizuna.ui.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.kizuna.ui.PageTestSupport;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RFC 8628 §5.1: user-code guessing is rate-limited")
class DeviceCodeGuessesTests extends PageTestSupport {

    @Test
    @DisplayName("the 11th unknown code from one address within the window is answered 429")
    void requestWhenTooManyUnknownCodesThenThrottled() throws Exception {
        for (int i = 0; i < DeviceCodeGuesses.LIMIT; i++) {
            assertThat(mvc.perform(get("/device").param("user_code", "ZZZZ-ZZZZ").with(r -> {
                r.setRemoteAddr("198.51.100.23");
                return r;
            })).andReturn().getResponse().getStatus()).isEqualTo(404);
        }
        assertThat(mvc.perform(get("/device").param("user_code", "ZZZZ-ZZZZ").with(r -> {
            r.setRemoteAddr("198.51.100.23");
            return r;
        })).andReturn().getResponse().getStatus()).isEqualTo(429);
        assertThat(mvc.perform(get("/device").param("user_code", "ZZZZ-ZZZZ").with(r -> {
            r.setRemoteAddr("198.51.100.24");
            return r;
        })).andReturn().getResponse().getStatus()).as("another address is not affected").isEqualTo(404);
    }

    @Test
    void requestWhenWindowPassedThenAllowedAgain() {
        Instant start = Instant.parse("2026-11-26T04:00:00Z");
        MutableClock clock = new MutableClock(start);
        DeviceCodeGuesses guesses = new DeviceCodeGuesses(clock);
        for (int i = 0; i < DeviceCodeGuesses.LIMIT; i++) {
            guesses.failed("a");
        }
        assertThat(guesses.allowed("a")).isFalse();
        clock.now = start.plus(DeviceCodeGuesses.WINDOW).plusSeconds(1);
        assertThat(guesses.allowed("a")).isTrue();
    }

    static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
