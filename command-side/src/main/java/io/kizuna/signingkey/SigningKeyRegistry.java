package io.kizuna.signingkey;

import io.kizuna.api.signingkey.SigningKeyActivated;
import io.kizuna.api.signingkey.SigningKeyGenerated;
import io.kizuna.api.signingkey.SigningKeyRetired;
import io.kizuna.api.signingkey.SigningKeyRotated;
import io.kizuna.config.CommandSideConfiguration;
import java.sql.Timestamp;
import java.util.Base64;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code signing_key} table, written in the same transaction as each key event. Its partial unique
 * index allows one active key per algorithm, so two nodes bootstrapping at once cannot both activate one:
 * the loser's events roll back.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class SigningKeyRegistry {
    private final JdbcTemplate jdbc;

    public SigningKeyRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A key from before the ledger (same kid, same sealing) is adopted: it keeps its status. */
    @EventHandler
    void on(SigningKeyGenerated e) {
        jdbc.update("""
                INSERT INTO signing_key (kid, alg, sealed_jwk, public_jwk, status, created_at, key_encryption, in_ledger)
                VALUES (?, ?, ?, ?, 'generated', ?, ?, TRUE)
                ON CONFLICT (kid) DO UPDATE SET in_ledger = TRUE, key_encryption = EXCLUDED.key_encryption""",
                e.kid().value(), e.alg(), Base64.getUrlDecoder().decode(e.encryptedPrivateKey()), e.publicJwk(),
                Timestamp.from(e.generatedAt()), e.keyEncryption());
    }

    @EventHandler
    void on(SigningKeyActivated e) {
        jdbc.update("UPDATE signing_key SET status = 'active', activated_at = ? WHERE kid = ?",
                Timestamp.from(e.activatedAt()), e.kid().value());
    }

    @EventHandler
    void on(SigningKeyRotated e) {
        jdbc.update("UPDATE signing_key SET status = 'rotated', rotated_at = ?, published_until = ? WHERE kid = ?",
                Timestamp.from(e.rotatedAt()), Timestamp.from(e.publishedUntil()), e.kid().value());
    }

    @EventHandler
    void on(SigningKeyRetired e) {
        jdbc.update("UPDATE signing_key SET status = 'retired', retired_at = ? WHERE kid = ?",
                Timestamp.from(e.retiredAt()), e.kid().value());
    }
}
