package io.kizuna.grant;

import io.kizuna.api.grant.DeviceAuthorizationApproved;
import io.kizuna.api.grant.DeviceAuthorizationDenied;
import io.kizuna.api.grant.DeviceAuthorizationIssued;
import io.kizuna.api.grant.DeviceCodeRedeemed;
import io.kizuna.config.CommandSideConfiguration;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Device and user codes (as SHA-256) → grant, in the issuing transaction, so the device can poll and the
 * member can type the user code the moment the device authorization response is sent (RFC 8628 §3.2).
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class DeviceCodes {
    private final JdbcTemplate jdbc;

    public DeviceCodes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DeviceAuthorizationIssued e) {
        jdbc.update("""
                INSERT INTO device_authorization (device_code_hash, user_code_hash, grant_id, client_id, scopes, status,
                                                  expires_at, interval_seconds)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)""",
                ps -> {
                    ps.setString(1, e.deviceCodeHash());
                    ps.setString(2, e.userCodeHash());
                    ps.setString(3, e.grantId().value());
                    ps.setString(4, e.clientId().value());
                    ps.setArray(5, ps.getConnection().createArrayOf("text", e.scopes().toArray()));
                    ps.setTimestamp(6, Timestamp.from(e.expiresAt()));
                    ps.setInt(7, e.intervalSeconds());
                });
    }

    @EventHandler
    void on(DeviceAuthorizationApproved e) {
        status(e.grantId().value(), "approved");
    }

    @EventHandler
    void on(DeviceAuthorizationDenied e) {
        status(e.grantId().value(), "denied");
    }

    @EventHandler
    void on(DeviceCodeRedeemed e) {
        status(e.grantId().value(), "redeemed");
    }

    private void status(String grantId, String status) {
        jdbc.update("UPDATE device_authorization SET status = ? WHERE grant_id = ?", status, grantId);
    }

    public Optional<Entry> byDeviceCode(String deviceCodeHash) {
        return jdbc.query("SELECT * FROM device_authorization WHERE device_code_hash = ?",
                rs -> rs.next() ? Optional.of(entry(rs)) : Optional.empty(), deviceCodeHash);
    }

    /** A request still waiting for the member's decision, by the hash of its user code. */
    public Optional<Entry> pendingByUserCode(String userCodeHash, Instant now) {
        return jdbc.query("""
                SELECT * FROM device_authorization WHERE user_code_hash = ? AND status = 'pending' AND expires_at > ?""",
                rs -> rs.next() ? Optional.of(entry(rs)) : Optional.empty(), userCodeHash, Timestamp.from(now));
    }

    /**
     * RFC 8628 §3.5: records this poll and says whether it came sooner than the interval allows; if so,
     * the interval grows by 5 seconds for this and every later poll.
     */
    @org.springframework.transaction.annotation.Transactional
    public boolean pollTooSoon(String deviceCodeHash, Instant now) {
        Boolean tooSoon = jdbc.query("""
                SELECT last_polled_at IS NOT NULL AND last_polled_at + make_interval(secs => interval_seconds) > ?
                FROM device_authorization WHERE device_code_hash = ? FOR UPDATE""",
                rs -> rs.next() ? rs.getBoolean(1) : null, Timestamp.from(now), deviceCodeHash);
        if (tooSoon == null) {
            return false;
        }
        jdbc.update("""
                UPDATE device_authorization SET last_polled_at = ?,
                       interval_seconds = interval_seconds + CASE WHEN ? THEN 5 ELSE 0 END
                WHERE device_code_hash = ?""", Timestamp.from(now), tooSoon, deviceCodeHash);
        return tooSoon;
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getString("grant_id"), rs.getString("client_id"),
                List.of((String[]) rs.getArray("scopes").getArray()), rs.getString("status"),
                rs.getTimestamp("expires_at").toInstant());
    }

    public record Entry(String grantId, String clientId, List<String> scopes, String status, Instant expiresAt) {
    }
}
