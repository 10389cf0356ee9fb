package io.kizuna.grant;

import io.kizuna.api.grant.BackchannelAuthenticationApproved;
import io.kizuna.api.grant.BackchannelAuthenticationDenied;
import io.kizuna.api.grant.BackchannelAuthenticationRedeemed;
import io.kizuna.api.grant.BackchannelAuthenticationRequested;
import io.kizuna.config.CommandSideConfiguration;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Backchannel authentication requests (OpenID Connect CIBA Core 1.0 §7): the SHA-256 of the
 * {@code auth_req_id} → grant, written in the requesting transaction so the client can poll at once, plus
 * the member's list of pending requests for their authentication device. The polling pace, the binding
 * message and the sealed client notification token are operational state outside the ledger.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class BackchannelRequests {
    private final JdbcTemplate jdbc;

    public BackchannelRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(BackchannelAuthenticationRequested e) {
        jdbc.update("""
                INSERT INTO backchannel_authentication (auth_req_id_hash, grant_id, client_id, member_id, scopes,
                    acr_values, delivery_mode, status, requested_at, expires_at, interval_seconds)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)""",
                ps -> {
                    ps.setString(1, e.authReqIdHash());
                    ps.setString(2, e.grantId().value());
                    ps.setString(3, e.clientId().value());
                    ps.setString(4, e.memberId().value());
                    ps.setArray(5, ps.getConnection().createArrayOf("text", e.scopes().toArray()));
                    ps.setArray(6, ps.getConnection().createArrayOf("text", e.acrValues().toArray()));
                    ps.setString(7, e.deliveryMode());
                    ps.setTimestamp(8, Timestamp.from(e.requestedAt()));
                    ps.setTimestamp(9, Timestamp.from(e.expiresAt()));
                    ps.setInt(10, e.intervalSeconds());
                });
    }

    @EventHandler
    void on(BackchannelAuthenticationApproved e) {
        status(e.grantId().value(), "approved");
    }

    @EventHandler
    void on(BackchannelAuthenticationDenied e) {
        status(e.grantId().value(), "denied");
    }

    @EventHandler
    void on(BackchannelAuthenticationRedeemed e) {
        status(e.grantId().value(), "redeemed");
    }

    private void status(String grantId, String status) {
        jdbc.update("UPDATE backchannel_authentication SET status = ? WHERE grant_id = ?", status, grantId);
    }

    /** Keeps what the ledger does not: the binding message and the sealed notification token (same transaction). */
    public void attach(String grantId, String bindingMessage, byte[] sealedNotificationToken) {
        jdbc.update("UPDATE backchannel_authentication SET binding_message = ?, notification_token_sealed = ? "
                + "WHERE grant_id = ?", bindingMessage, sealedNotificationToken, grantId);
    }

    public Optional<Entry> byAuthReqId(String authReqIdHash) {
        return jdbc.query("SELECT * FROM backchannel_authentication WHERE auth_req_id_hash = ?",
                rs -> rs.next() ? Optional.of(entry(rs)) : Optional.empty(), authReqIdHash);
    }

    public Optional<Entry> byGrant(String grantId) {
        return jdbc.query("SELECT * FROM backchannel_authentication WHERE grant_id = ?",
                rs -> rs.next() ? Optional.of(entry(rs)) : Optional.empty(), grantId);
    }

    /** The member's requests still waiting for a decision, newest first (at most 20). */
    public List<Entry> pendingFor(String memberId, Instant now) {
        return jdbc.query("""
                SELECT * FROM backchannel_authentication WHERE member_id = ? AND status = 'pending' AND expires_at > ?
                ORDER BY requested_at DESC LIMIT 20""", (rs, n) -> entry(rs), memberId, Timestamp.from(now));
    }

    /**
     * CIBA Core 1.0 §7.3, §11 {@code slow_down}: records this poll and says whether it came sooner than the
     * interval allows; if so the interval grows by 5 seconds for this and every later poll (as RFC 8628 §3.5).
     */
    @Transactional
    public boolean pollTooSoon(String authReqIdHash, Instant now) {
        Boolean tooSoon = jdbc.query("""
                SELECT last_polled_at IS NOT NULL AND last_polled_at + make_interval(secs => interval_seconds) > ?
                FROM backchannel_authentication WHERE auth_req_id_hash = ? FOR UPDATE""",
                rs -> rs.next() ? rs.getBoolean(1) : null, Timestamp.from(now), authReqIdHash);
        if (tooSoon == null) {
            return false;
        }
        jdbc.update("""
                UPDATE backchannel_authentication SET last_polled_at = ?,
                       interval_seconds = interval_seconds + CASE WHEN ? THEN 5 ELSE 0 END
                WHERE auth_req_id_hash = ?""", Timestamp.from(now), tooSoon, authReqIdHash);
        return tooSoon;
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getString("grant_id"), rs.getString("client_id"), rs.getString("member_id"),
                List.of((String[]) rs.getArray("scopes").getArray()),
                List.of((String[]) rs.getArray("acr_values").getArray()), rs.getString("delivery_mode"),
                rs.getString("status"), rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(), rs.getInt("interval_seconds"),
                rs.getString("binding_message"), rs.getBytes("notification_token_sealed"));
    }

    public record Entry(String grantId, String clientId, String memberId, List<String> scopes, List<String> acrValues,
                        String deliveryMode, String status, Instant requestedAt, Instant expiresAt,
                        int intervalSeconds, String bindingMessage, byte[] sealedNotificationToken) {
    }
}
