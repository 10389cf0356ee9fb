package io.kizuna.session;

import io.kizuna.api.member.MemberForgotten;
import io.kizuna.config.CommandSideConfiguration;
import io.kizuna.crypto.TokenHashes;
import java.sql.Timestamp;
import java.time.Clock;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Browsers each member has completed a sign-in from, for the authentication policy's "new device" risk
 * signal. A browser is known by a long-lived random cookie, stored here only as its SHA-256 hash.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class KnownDevices {
    /** Longest device cookie value accepted; ours are 43 characters. */
    static final int MAX_DEVICE_ID = 100;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public KnownDevices(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The stored form of a device cookie value, or null when there is none (or it is not one of ours). */
    public static String hash(String deviceId) {
        return deviceId == null || deviceId.isBlank() || deviceId.length() > MAX_DEVICE_ID ? null
                : TokenHashes.sha256(deviceId);
    }

    public boolean known(String memberId, String deviceHash) {
        return deviceHash != null && Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM known_device WHERE member_id = ? AND device_hash = ?)", Boolean.class,
                memberId, deviceHash));
    }

    /** Called in the transaction that opens the member's session. */
    public void remember(String memberId, String deviceHash) {
        if (deviceHash == null) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("""
                INSERT INTO known_device (member_id, device_hash, first_seen, last_seen) VALUES (?, ?, ?, ?)
                ON CONFLICT (member_id, device_hash) DO UPDATE SET last_seen = EXCLUDED.last_seen""",
                memberId, deviceHash, now, now);
    }

    @EventHandler
    void on(MemberForgotten event) {
        jdbc.update("DELETE FROM known_device WHERE member_id = ?", event.memberId().value());
    }
}
