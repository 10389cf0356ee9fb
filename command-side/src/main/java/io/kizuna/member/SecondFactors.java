package io.kizuna.member;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalDataVault;
import io.kizuna.api.member.SealedPersonalData;
import io.kizuna.api.member.TotpEnrolled;
import io.kizuna.config.CommandSideConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Enrolled TOTP authenticators, written with {@code TotpEnrolled}; the secret is opened with the
 * member's data key only to check a code (so forgetting the member destroys it too).
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class SecondFactors {
    private final JdbcTemplate jdbc;
    private final PersonalDataVault vault;

    public SecondFactors(JdbcTemplate jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    @EventHandler
    void on(TotpEnrolled e) {
        jdbc.update("""
                INSERT INTO member_totp (member_id, key_id, sealed_secret, recovery_hashes, last_step)
                VALUES (?, ?, ?, ?, -1)
                ON CONFLICT (member_id) DO UPDATE SET key_id = EXCLUDED.key_id, sealed_secret = EXCLUDED.sealed_secret,
                    recovery_hashes = EXCLUDED.recovery_hashes, last_step = -1""",
                ps -> {
                    ps.setString(1, e.memberId().value());
                    ps.setString(2, e.sealedSecret().keyId());
                    ps.setString(3, e.sealedSecret().sealed());
                    ps.setArray(4, ps.getConnection().createArrayOf("text", e.recoveryCodeHashes().toArray()));
                });
    }

    /** In the resetting transaction: the old authenticator's codes stop working when the reset is acknowledged. */
    @EventHandler
    void on(io.kizuna.api.member.SecondFactorReset e) {
        jdbc.update("DELETE FROM member_totp WHERE member_id = ?", e.memberId().value());
    }

    public boolean enrolled(MemberId memberId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM member_totp WHERE member_id = ?)",
                Boolean.class, memberId.value()));
    }

    /** The member's TOTP secret, opened; empty when not enrolled or the member was forgotten. */
    public Optional<String> secret(MemberId memberId) {
        return jdbc.query("SELECT key_id, sealed_secret FROM member_totp WHERE member_id = ?",
                rs -> rs.next() ? Optional.of(new SealedPersonalData(rs.getString(1), rs.getString(2)))
                        : Optional.<SealedPersonalData>empty(), memberId.value())
                .flatMap(sealed -> vault.open(memberId, sealed))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** Accepts a time step once: a code cannot be replayed, nor an older one used after a newer (RFC 6238 §5.2). */
    public boolean consumeStep(MemberId memberId, long step) {
        return jdbc.update("UPDATE member_totp SET last_step = ? WHERE member_id = ? AND last_step < ?",
                step, memberId.value(), step) == 1;
    }
}
