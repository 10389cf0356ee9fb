package io.kizuna.signingkey;

import com.nimbusds.jose.jwk.JWK;
import io.kizuna.api.signingkey.ActivateSigningKeyCommand;
import io.kizuna.api.signingkey.GenerateSigningKeyCommand;
import io.kizuna.api.signingkey.RetireSigningKeyCommand;
import io.kizuna.api.signingkey.RotateSigningKeyCommand;
import io.kizuna.api.signingkey.SigningKeyId;
import io.kizuna.protocol.oauth2.error.OAuthException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates, activates, rotates and retires signing keys through the {@link SigningKey} ledger. Each
 * operation is one transaction (the events and the {@code signing_key} rows commit together); the
 * in-memory {@link SigningKeys} is reloaded after the commit.
 */
@Service
public class SigningKeyLifecycle {
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final KeyEncryption encryption;
    private final SigningKeys keys;
    private final SigningKeyProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public SigningKeyLifecycle(CommandGateway commands, JdbcTemplate jdbc, KeyEncryption encryption, SigningKeys keys,
                               SigningKeyProperties properties, TransactionTemplate transactions, Clock clock) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.keys = keys;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * At start: adopt keys written before they were ledger events (same kid, same sealed bytes: the
     * active one is generated and activated in the ledger, any other retired), then give every configured algorithm
     * an active key — and every configured encryption-key family (RFC 9101 §6.1). Another node doing the same at the same moment loses on the one-active-key index
     * and simply reads the winner's key.
     */
    public void bootstrap() {
        adoptLegacyKeys();
        for (String alg : properties.allAlgorithms()) {
            if (activeKid(alg).isEmpty()) {
                try {
                    transactions.executeWithoutResult(status -> activate(generate(alg)));
                } catch (RuntimeException e) {
                    if (activeKid(alg).isEmpty()) {
                        throw e;
                    }
                }
            }
        }
        keys.reload();
    }

    private void adoptLegacyKeys() {
        record Legacy(String kid, String alg, byte[] sealed, String publicJwk, String status) {
        }
        List<Legacy> legacy = jdbc.query("SELECT kid, alg, sealed_jwk, public_jwk, status FROM signing_key WHERE NOT in_ledger",
                (rs, i) -> new Legacy(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getString(4), rs.getString(5)));
        for (Legacy key : legacy) {
            try {
                adopt(key.kid(), key.alg(), key.sealed(), key.publicJwk(), key.status());
            } catch (RuntimeException e) {
                // another node adopted it first
                if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT in_ledger FROM signing_key WHERE kid = ?",
                        Boolean.class, key.kid()))) {
                    throw e;
                }
            }
        }
    }

    private void adopt(String kid, String alg, byte[] sealed, String publicJwk, String status) {
        SigningKeyId id = new SigningKeyId(kid);
        transactions.executeWithoutResult(tx -> {
            commands.sendAndWait(new GenerateSigningKeyCommand(id, alg, publicJwk,
                    Base64.getUrlEncoder().withoutPadding().encodeToString(sealed), MasterKeyEncryption.SCHEME));
            if ("active".equals(status)) {
                commands.sendAndWait(new ActivateSigningKeyCommand(id));
            } else {
                // the table before the ledger only ever had active keys; anything else is not published
                commands.sendAndWait(new RetireSigningKeyCommand(id, "overlap_ended"));
            }
        });
    }

    /**
     * Rotation (OIDC Core §10.1.1): a new key of {@code alg} becomes active; the previous one stays in the
     * JWKS for the configured overlap, so tokens it signed keep verifying until they expire.
     */
    public KeyView rotate(String alg) {
        if (!SigningAlgorithms.supported(alg) && !EncryptionKeyAlgorithms.supported(alg)) {
            throw new OAuthException(400, "invalid_request", "alg must be one of " + SigningAlgorithms.SUPPORTED
                    + " or, for an encryption key, " + EncryptionKeyAlgorithms.SUPPORTED);
        }
        String fresh = transactions.execute(status -> {
            Optional<String> previous = activeKid(alg);
            SigningKeyId next = generate(alg);
            previous.ifPresent(kid -> commands.sendAndWait(new RotateSigningKeyCommand(new SigningKeyId(kid), next,
                    clock.instant().plus(properties.overlap()))));
            activate(next);
            return next.value();
        });
        keys.reload();
        return find(fresh).orElseThrow();
    }

    /** Takes a key that no longer signs out of the JWKS at once (e.g. suspected compromise). */
    public KeyView retire(String kid, String reason) {
        if (find(kid).isEmpty()) {
            throw new OAuthException(404, "invalid_request", "no signing key with this kid");
        }
        transactions.executeWithoutResult(status -> commands.sendAndWait(
                new RetireSigningKeyCommand(new SigningKeyId(kid), reason)));
        keys.reload();
        return find(kid).orElseThrow();
    }

    /** Records the retirement of every rotated key whose overlap has ended (it is already out of the JWKS). */
    public int retireExpired() {
        List<String> expired = jdbc.queryForList(
                "SELECT kid FROM signing_key WHERE status = 'rotated' AND published_until <= ?", String.class,
                Timestamp.from(clock.instant()));
        expired.forEach(kid -> retire(kid, "overlap_ended"));
        return expired.size();
    }

    /** With {@code kizuna.signing-keys.rotate-after} set: rotates every active key older than that. */
    public int rotateDue() {
        if (properties.rotateAfter() == null) {
            return 0;
        }
        List<String> due = jdbc.queryForList("SELECT alg FROM signing_key WHERE status = 'active' AND activated_at <= ?",
                String.class, Timestamp.from(clock.instant().minus(properties.rotateAfter())));
        due.forEach(this::rotate);
        return due.size();
    }

    public List<KeyView> list() {
        return jdbc.query("SELECT * FROM signing_key ORDER BY created_at DESC, kid", (rs, i) -> view(rs));
    }

    public Optional<KeyView> find(String kid) {
        return jdbc.query("SELECT * FROM signing_key WHERE kid = ?", (rs, i) -> view(rs), kid).stream().findFirst();
    }

    private SigningKeyId generate(String alg) {
        String kid = UUID.randomUUID().toString();
        JWK key = EncryptionKeyAlgorithms.supported(alg) ? EncryptionKeyAlgorithms.generate(alg, kid)
                : SigningAlgorithms.generate(alg, kid);
        byte[] sealed = encryption.encrypt(key.toJSONString().getBytes(StandardCharsets.UTF_8),
                kid.getBytes(StandardCharsets.UTF_8));
        SigningKeyId id = new SigningKeyId(kid);
        commands.sendAndWait(new GenerateSigningKeyCommand(id, alg, key.toPublicJWK().toJSONString(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(sealed), encryption.scheme()));
        return id;
    }

    private void activate(SigningKeyId kid) {
        commands.sendAndWait(new ActivateSigningKeyCommand(kid));
    }

    private Optional<String> activeKid(String alg) {
        return jdbc.queryForList("SELECT kid FROM signing_key WHERE status = 'active' AND alg = ?", String.class, alg)
                .stream().findFirst();
    }

    private static KeyView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new KeyView(rs.getString("kid"), rs.getString("alg"), rs.getString("status"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("activated_at")),
                instant(rs.getTimestamp("rotated_at")), instant(rs.getTimestamp("published_until")),
                instant(rs.getTimestamp("retired_at")), rs.getString("key_encryption"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** What an operator may see of a key: never its private part. */
    public record KeyView(String kid, String alg, String status, Instant createdAt, Instant activatedAt,
                          Instant rotatedAt, Instant publishedUntil, Instant retiredAt, String keyEncryption) {
    }
}
