package io.kizuna.member;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalDataVault;
import io.kizuna.api.member.SealedPersonalData;
import io.kizuna.crypto.Aead;
import io.kizuna.crypto.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Per-member data keys in {@code member_data_key}, wrapped (AES-256-GCM) under a sub-key of the master
 * key, with the member id as associated data so a wrapped key cannot be moved to another member.
 * Forgetting a member nulls the wrapped key: every {@link SealedPersonalData} of theirs, in the ledger,
 * in read models or in Kafka, becomes unreadable.
 *
 * <p>Unwrapped keys are cached per node, but only for {@link #CACHE_TTL}: forgetting runs on one node,
 * and the others must stop holding the key soon after without a cluster-wide message.
 */
@Component
public class JdbcPersonalDataVault implements PersonalDataVault {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int CACHE_SIZE = 10_000;
    /** How long another node may keep using a key after it was destroyed. */
    public static final java.time.Duration CACHE_TTL = java.time.Duration.ofSeconds(60);

    private final JdbcTemplate jdbc;
    private final byte[] wrappingKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public JdbcPersonalDataVault(JdbcTemplate jdbc, MasterKey masterKey, Clock clock) {
        this.jdbc = jdbc;
        this.wrappingKey = masterKey.derive("kizuna/member-data-key-wrap/v1");
        this.clock = clock;
    }

    @Override
    public SealedPersonalData seal(MemberId memberId, byte[] plaintext) {
        DataKey key = keyOf(memberId).orElseGet(() -> createKey(memberId));
        byte[] sealed = Aead.seal(key.key(), plaintext, aad(memberId, key.keyId()));
        return new SealedPersonalData(key.keyId(), B64.encodeToString(sealed));
    }

    @Override
    public Optional<byte[]> open(MemberId memberId, SealedPersonalData sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        return keyOf(memberId).filter(k -> k.keyId().equals(sealed.keyId())).map(k -> {
            try {
                return Aead.open(k.key(), B64D.decode(sealed.sealed()), aad(memberId, k.keyId()));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException("sealed personal data of a member failed authentication", e);
            }
        });
    }

    @Override
    public void forget(MemberId memberId) {
        jdbc.update("UPDATE member_data_key SET wrapped_key = NULL, destroyed_at = ? WHERE member_id = ?",
                Timestamp.from(clock.instant()), memberId.value());
        synchronized (cache) {
            cache.remove(memberId.value());
        }
    }

    private Optional<DataKey> keyOf(MemberId memberId) {
        synchronized (cache) {
            Cached cached = cache.get(memberId.value());
            if (cached != null && cached.loadedAt().plus(CACHE_TTL).isAfter(clock.instant())) {
                return Optional.of(decode(cached.packed()));
            }
            cache.remove(memberId.value());
        }
        return jdbc.query("SELECT key_id, wrapped_key FROM member_data_key WHERE member_id = ?",
                rs -> {
                    if (!rs.next() || rs.getBytes(2) == null) {
                        return Optional.<DataKey>empty();
                    }
                    String keyId = rs.getString(1);
                    byte[] key = unwrap(memberId, keyId, rs.getBytes(2));
                    remember(memberId, keyId, key);
                    return Optional.of(new DataKey(keyId, key));
                }, memberId.value());
    }

    private DataKey createKey(MemberId memberId) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        String keyId = UUID.randomUUID().toString();
        byte[] wrapped = Aead.seal(wrappingKey, key, aad(memberId, keyId));
        jdbc.update("INSERT INTO member_data_key (member_id, key_id, wrapped_key, created_at) VALUES (?, ?, ?, ?)",
                memberId.value(), keyId, wrapped, Timestamp.from(clock.instant()));
        remember(memberId, keyId, key);
        return new DataKey(keyId, key);
    }

    private byte[] unwrap(MemberId memberId, String keyId, byte[] wrapped) {
        try {
            return Aead.open(wrappingKey, wrapped, aad(memberId, keyId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a member data key failed to unwrap: wrong master key?", e);
        }
    }

    private void remember(MemberId memberId, String keyId, byte[] key) {
        byte[] packed = new byte[key.length + keyId.length()];
        System.arraycopy(key, 0, packed, 0, key.length);
        System.arraycopy(keyId.getBytes(StandardCharsets.US_ASCII), 0, packed, key.length, keyId.length());
        synchronized (cache) {
            cache.put(memberId.value(), new Cached(packed, clock.instant()));
        }
    }

    private static DataKey decode(byte[] packed) {
        byte[] key = java.util.Arrays.copyOfRange(packed, 0, 32);
        return new DataKey(new String(packed, 32, packed.length - 32, StandardCharsets.US_ASCII), key);
    }

    private static byte[] aad(MemberId memberId, String keyId) {
        return (memberId.value() + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private record DataKey(String keyId, byte[] key) {
    }

    private record Cached(byte[] packed, java.time.Instant loadedAt) {
    }
}
