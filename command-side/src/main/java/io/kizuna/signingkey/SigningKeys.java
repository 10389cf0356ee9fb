package io.kizuna.signingkey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.kizuna.crypto.Aead;
import io.kizuna.crypto.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ES256 signing key of tokens, its private JWK sealed (AES-256-GCM) under a sub-key of the master
 * key. Created on first start; every node loads the same active key from the database. Rotation with
 * overlap and the ledger aggregate for keys come with the OpenID Connect work.
 */
@Component
public class SigningKeys {
    private static final String ALG = JWSAlgorithm.ES256.getName();
    private final ECKey active;
    private final JWKSet publicSet;

    public SigningKeys(JdbcTemplate jdbc, MasterKey masterKey, Clock clock) {
        byte[] wrapKey = masterKey.derive("kizuna/signing-key-wrap/v1");
        this.active = loadOrCreate(jdbc, wrapKey, clock);
        List<com.nimbusds.jose.jwk.JWK> publics = jdbc.query(
                "SELECT public_jwk FROM signing_key WHERE status IN ('active', 'retiring') ORDER BY created_at",
                (rs, i) -> parse(rs.getString(1)));
        this.publicSet = new JWKSet(publics);
    }

    public ECKey active() {
        return active;
    }

    /** The public keys, for {@code jwks_uri} (RFC 7517 §5). */
    public JWKSet publicJwks() {
        return publicSet;
    }

    private static ECKey loadOrCreate(JdbcTemplate jdbc, byte[] wrapKey, Clock clock) {
        List<ECKey> existing = jdbc.query(
                "SELECT kid, sealed_jwk FROM signing_key WHERE status = 'active' AND alg = ? ORDER BY created_at DESC LIMIT 1",
                (rs, i) -> open(wrapKey, rs.getString(1), rs.getBytes(2)), ALG);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
            byte[] sealed = Aead.seal(wrapKey, key.toJSONString().getBytes(StandardCharsets.UTF_8),
                    key.getKeyID().getBytes(StandardCharsets.UTF_8));
            int inserted = jdbc.update("""
                    INSERT INTO signing_key (kid, alg, sealed_jwk, public_jwk, status, created_at)
                    SELECT ?, ?, ?, ?, 'active', ? WHERE NOT EXISTS
                        (SELECT 1 FROM signing_key WHERE status = 'active' AND alg = ?)""",
                    key.getKeyID(), ALG, sealed, key.toPublicJWK().toJSONString(), Timestamp.from(clock.instant()), ALG);
            return inserted == 1 ? key : loadOrCreate(jdbc, wrapKey, clock);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    private static ECKey open(byte[] wrapKey, String kid, byte[] sealed) {
        try {
            byte[] json = Aead.open(wrapKey, sealed, kid.getBytes(StandardCharsets.UTF_8));
            return ECKey.parse(new String(json, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | ParseException e) {
            throw new IllegalStateException("signing key " + kid + " cannot be opened: wrong master key?", e);
        }
    }

    private static com.nimbusds.jose.jwk.JWK parse(String json) {
        try {
            return com.nimbusds.jose.jwk.JWK.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
