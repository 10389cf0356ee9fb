package io.kizuna.server.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** The sign-in throttle's pause of a member is a ledger event, recorded once per window. */
@KizunaIntegrationTest
class LoginLockoutIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("5 wrong passwords → member.login.locked with its end and a sealed context; further attempts refused, not re-recorded")
    void requestWhenWindowFillsThenLockoutRecordedOnce() throws Exception {
        String email = "lockout-" + UUID.randomUUID() + "@example.jp";
        String password = "the lockout password 1";
        String memberId = new Api(issuer).registerMember(email, password, "Lockout Tester");
        Browser attacker = new Browser(issuer, Map.of("X-Forwarded-For", "198.51.100.40"));
        Instant before = Instant.now();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(attacker, email, "wrong password " + i).statusCode()).as("attempt %d", i).isEqualTo(401);
        }
        HttpResponse<String> paused = signIn(attacker, email, password);
        assertThat(paused.statusCode()).as("even the right password waits").isEqualTo(429);
        assertThat(signIn(attacker, email, "wrong again").statusCode()).isEqualTo(429);

        List<String> locked = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%LoginLocked' ORDER BY sequencenumber",
                String.class, memberId);
        assertThat(locked).hasSize(1);
        JsonNode event = JSON.readTree(locked.get(0));
        assertThat(event.get("failures").asInt()).isEqualTo(5);
        Instant until = Instant.parse(event.get("lockedUntil").asText());
        assertThat(until).isBetween(before.plus(Duration.ofMinutes(15)), Instant.now().plus(Duration.ofMinutes(15)));
        assertThat(locked.get(0)).doesNotContain("198.51.100.40").doesNotContain(email);
    }

    private static HttpResponse<String> signIn(Browser browser, String email, String password) throws Exception {
        return browser.submit(browser.get("/signin").body(), "/signin", Map.of("email", email, "password", password), null);
    }
}
