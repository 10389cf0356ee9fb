package io.kizuna.member;

import io.kizuna.api.member.MemberForgotten;
import io.kizuna.api.member.PasskeyRegistered;
import io.kizuna.api.member.PasskeyRemoved;
import io.kizuna.config.CommandSideConfiguration;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Registered WebAuthn credentials by id, written in the command's transaction from the ledger events.
 * The signature counter is advanced here at each sign-in without an event (it changes with every use and
 * says nothing the {@code member.login.succeeded} event does not); rebuilt from the ledger it restarts at
 * the registered value, which can only make clone detection less strict, never refuse a good authenticator.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class PasskeyLookup {
    private final JdbcTemplate jdbc;

    public PasskeyLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PasskeyRegistered e) {
        jdbc.update("""
                INSERT INTO member_passkey (credential_id, member_id, attested_data, sign_count, user_verified,
                    backup_eligible, transports, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                ps -> {
                    ps.setString(1, e.credentialId());
                    ps.setString(2, e.memberId().value());
                    ps.setString(3, e.attestedCredentialData());
                    ps.setLong(4, e.signCount());
                    ps.setBoolean(5, e.userVerified());
                    ps.setBoolean(6, e.backupEligible());
                    ps.setArray(7, ps.getConnection().createArrayOf("text", e.transports().toArray()));
                    ps.setTimestamp(8, Timestamp.from(e.registeredAt()));
                });
    }

    @EventHandler
    void on(PasskeyRemoved e) {
        jdbc.update("DELETE FROM member_passkey WHERE credential_id = ? AND member_id = ?", e.credentialId(),
                e.memberId().value());
    }

    @EventHandler
    void on(MemberForgotten e) {
        jdbc.update("DELETE FROM member_passkey WHERE member_id = ?", e.memberId().value());
    }

    /** An administrator's second-factor reset removes the member's passkeys too. */
    @EventHandler
    void on(io.kizuna.api.member.SecondFactorReset e) {
        jdbc.update("DELETE FROM member_passkey WHERE member_id = ?", e.memberId().value());
    }

    public Optional<Credential> find(String credentialId) {
        return jdbc.query("SELECT * FROM member_passkey WHERE credential_id = ?", ROW, credentialId).stream().findFirst();
    }

    public List<Credential> ofMember(String memberId) {
        return jdbc.query("SELECT * FROM member_passkey WHERE member_id = ? ORDER BY registered_at", ROW, memberId);
    }

    /** Advances the counter; false when another sign-in moved it to this value or beyond meanwhile. */
    boolean used(String credentialId, long signCount, Instant at) {
        return jdbc.update("""
                UPDATE member_passkey SET sign_count = ?, last_used_at = ?
                WHERE credential_id = ? AND (sign_count < ? OR ? = 0)""",
                signCount, Timestamp.from(at), credentialId, signCount, signCount) == 1;
    }

    private static final RowMapper<Credential> ROW = (rs, n) -> new Credential(rs.getString("credential_id"),
            rs.getString("member_id"), rs.getString("attested_data"), rs.getLong("sign_count"),
            rs.getBoolean("user_verified"), rs.getBoolean("backup_eligible"),
            List.of((String[]) rs.getArray("transports").getArray()), rs.getTimestamp("registered_at").toInstant(),
            rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toInstant());

    public record Credential(String credentialId, String memberId, String attestedData, long signCount,
                             boolean userVerified, boolean backupEligible, List<String> transports,
                             Instant registeredAt, Instant lastUsedAt) {
        /** RFC 8176: a synced passkey's key lives in software; a device-bound one in the authenticator. */
        public String amr() {
            return backupEligible ? "swk" : "hwk";
        }
    }
}
