package io.kizuna.signingkey;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The signing keys as every node uses them, read from the {@code signing_key} lookup of the
 * {@link SigningKey} ledger: per algorithm the active private key (decrypted once through
 * {@link KeyEncryption}, kept only in memory), and the published public keys — the active ones and the
 * rotated ones whose overlap has not ended — for the JWKS (RFC 7517 §5) and for verifying our own tokens.
 * The same ledger holds the server's encryption keys ({@code use: enc}, {@link EncryptionKeyAlgorithms}):
 * they are published in the JWKS too, but only {@link #decryptionKeys()} ever hands them out; every
 * signing path ({@link #active}, {@link #publishedKey}, {@link #verify}, {@link #algorithms}) sees
 * signing keys only, so an encryption key can never sign or verify a token.
 * Reloaded right after a local change ({@link SigningKeyLifecycle}) and every 30 seconds, so a rotation
 * on another node reaches this one within that time.
 */
@Component
public class SigningKeys implements DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final List<String> ORDER = java.util.stream.Stream.concat(SigningAlgorithms.SUPPORTED.stream(),
            EncryptionKeyAlgorithms.SUPPORTED.stream()).toList();

    private final JdbcTemplate jdbc;
    private final KeyEncryption encryption;
    private final Clock clock;
    private final ScheduledExecutorService refresher;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of(), List.of());

    public SigningKeys(JdbcTemplate jdbc, KeyEncryption encryption, Clock clock) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.clock = clock;
        reload();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kizuna-signing-keys");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                reload();
            } catch (RuntimeException e) {
                LOG.warn("signing keys could not be reloaded; keeping the previous set", e);
            }
        }, 30, 30, TimeUnit.SECONDS);
    }

    /** The key that signs new tokens with {@code alg}. */
    public ActiveKey active(String alg) {
        ActiveKey key = snapshot.active().get(alg);
        if (key == null) {
            throw new IllegalStateException("no active " + alg + " signing key");
        }
        return key;
    }

    /** The active ES256 key, the default. */
    public ActiveKey active() {
        return active(SigningAlgorithms.DEFAULT);
    }

    /** The signing algorithms that have an active key. */
    public List<String> algorithms() {
        return SigningAlgorithms.SUPPORTED.stream().filter(snapshot.active()::containsKey).toList();
    }

    /**
     * The public keys, for {@code jwks_uri} (RFC 7517 §5): active keys first, then overlapping ones;
     * signing keys ({@code use: sig}) and encryption keys ({@code use: enc}) alike. Code that verifies
     * signatures uses {@link #publishedKey} instead, which never returns an encryption key.
     */
    public JWKSet publicJwks() {
        Instant now = clock.instant();
        return new JWKSet(snapshot.published().stream().filter(p -> p.publishedAt(now)).map(Published::jwk).toList());
    }

    /** The published signing key ({@code use: sig}) with this {@code kid}, if any; never an encryption key. */
    public Optional<JWK> publishedKey(String kid) {
        if (kid == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return snapshot.published().stream().filter(p -> p.jwk().getKeyID().equals(kid) && p.publishedAt(now))
                .map(Published::jwk).filter(SigningKeys::signs).findFirst();
    }

    /**
     * The private encryption keys that may decrypt what clients encrypted to us (RFC 9101 §6.1): the
     * active one of each family first, then rotated ones whose overlap has not ended.
     */
    public List<JWK> decryptionKeys() {
        Instant now = clock.instant();
        return snapshot.decryption().stream().filter(p -> p.publishedAt(now)).map(Published::jwk).toList();
    }

    /** The encryption-key families ({@link EncryptionKeyAlgorithms#SUPPORTED}) that have an active key. */
    public List<String> encryptionFamilies() {
        return snapshot.decryption().stream().filter(Published::active).map(Published::alg).distinct().toList();
    }

    private static boolean signs(JWK key) {
        return com.nimbusds.jose.jwk.KeyUse.SIGNATURE.equals(key.getKeyUse());
    }

    /**
     * Whether {@code jwt} is signed by one of our published keys, under that key's own algorithm: tokens
     * signed before a rotation verify until the overlap ends, and none signed by a retired key ever does.
     */
    public boolean verify(SignedJWT jwt) {
        return publishedKey(jwt.getHeader().getKeyID()).map(key -> SigningAlgorithms.verify(jwt, key)).orElse(false);
    }

    /** Rereads the table; called after every local key event and periodically. */
    public void reload() {
        Map<String, ActiveKey> active = new LinkedHashMap<>();
        List<Published> decryption = new ArrayList<>();
        jdbc.query("""
                SELECT kid, alg, sealed_jwk, key_encryption, status, published_until FROM signing_key
                WHERE status = 'active' OR (status = 'rotated' AND published_until > ?)""", rs -> {
            String kid = rs.getString(1);
            String alg = rs.getString(2);
            boolean isActive = "active".equals(rs.getString(5));
            if (EncryptionKeyAlgorithms.supported(alg)) {
                JWK key = open(kid, rs.getBytes(3), rs.getString(4));
                decryption.add(new Published(key, alg, isActive,
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()));
            } else if (isActive) {
                JWK key = open(kid, rs.getBytes(3), rs.getString(4));
                active.put(alg, new ActiveKey(kid, alg, SigningAlgorithms.signer(key)));
            }
        }, java.sql.Timestamp.from(clock.instant()));
        decryption.sort(Comparator.comparing((Published p) -> !p.active())
                .thenComparing(p -> ORDER.indexOf(p.alg())));
        List<Published> published = new ArrayList<>(jdbc.query("""
                SELECT public_jwk, alg, status, published_until FROM signing_key
                WHERE status = 'active' OR (status = 'rotated' AND published_until > ?)""",
                (rs, i) -> new Published(parse(rs.getString(1)), rs.getString(2), "active".equals(rs.getString(3)),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()),
                java.sql.Timestamp.from(clock.instant())));
        published.sort(Comparator.comparing((Published p) -> !p.active())
                .thenComparing(p -> ORDER.indexOf(p.alg())));
        this.snapshot = new Snapshot(Map.copyOf(active), List.copyOf(published), List.copyOf(decryption));
    }

    private JWK open(String kid, byte[] sealed, String scheme) {
        try {
            byte[] json = encryption.decrypt(scheme, sealed, kid.getBytes(StandardCharsets.UTF_8));
            return JWK.parse(new String(json, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | ParseException e) {
            throw new IllegalStateException("signing key " + kid + " cannot be opened: wrong master key or KMS?", e);
        }
    }

    private static JWK parse(String json) {
        try {
            return JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("a stored public JWK is not JSON", e);
        }
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }

    /** A key that signs: its {@code kid} goes into the JWS header (RFC 7515 §4.1.4). */
    public record ActiveKey(String kid, String alg, JWSSigner signer) {
        public com.nimbusds.jose.JWSAlgorithm algorithm() {
            return com.nimbusds.jose.JWSAlgorithm.parse(alg);
        }
    }

    private record Published(JWK jwk, String alg, boolean active, Instant publishedUntil) {
        boolean publishedAt(Instant now) {
            return active || (publishedUntil != null && publishedUntil.isAfter(now));
        }
    }

    private record Snapshot(Map<String, ActiveKey> active, List<Published> published, List<Published> decryption) {
    }
}
