package io.kizuna.client;

import io.kizuna.crypto.Aead;
import io.kizuna.crypto.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The secrets of {@code client_secret_jwt} clients, sealed under a master sub-key. HS256 assertions
 * (RFC 7523 §2.2, OIDC Core §9) are MACs keyed with the secret's UTF-8 octets, so the verifier needs the
 * secret itself; the keyed hash kept for {@code client_secret_basic} cannot serve. Only clients that
 * chose this method have a row; the client id is the associated data, so a sealed value copied to
 * another client's row does not open.
 */
@Component
public class ClientJwtSecrets {
    private final JdbcTemplate jdbc;
    private final byte[] key;
    private final Clock clock;

    public ClientJwtSecrets(JdbcTemplate jdbc, MasterKey masterKey, Clock clock) {
        this.jdbc = jdbc;
        this.key = masterKey.derive("kizuna/client-jwt-secret/v1");
        this.clock = clock;
    }

    public void store(String clientId, String secret) {
        byte[] sealed = Aead.seal(key, secret.getBytes(StandardCharsets.UTF_8), aad(clientId));
        jdbc.update("""
                INSERT INTO client_jwt_secret (client_id, sealed, created_at) VALUES (?, ?, ?)
                ON CONFLICT (client_id) DO UPDATE SET sealed = EXCLUDED.sealed, created_at = EXCLUDED.created_at""",
                clientId, sealed, Timestamp.from(clock.instant()));
    }

    void forget(String clientId) {
        jdbc.update("DELETE FROM client_jwt_secret WHERE client_id = ?", clientId);
    }

    /** The secret's UTF-8 octets, the HMAC key of OIDC Core §10.1; empty when none is stored or it does not open. */
    public Optional<byte[]> macKey(String clientId) {
        byte[] sealed = jdbc.query("SELECT sealed FROM client_jwt_secret WHERE client_id = ?",
                rs -> rs.next() ? rs.getBytes(1) : null, clientId);
        if (sealed == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Aead.open(key, sealed, aad(clientId)));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static byte[] aad(String clientId) {
        return ("client_jwt_secret:" + clientId).getBytes(StandardCharsets.UTF_8);
    }
}
