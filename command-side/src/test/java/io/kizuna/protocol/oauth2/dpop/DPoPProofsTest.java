package io.kizuna.protocol.oauth2.dpop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.crypto.MasterKey;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.signingkey.SigningAlgorithms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RFC 9449 §4.3 checks one by one, on proofs made here with Nimbus. The one-time use of {@code jti} against
 * PostgreSQL across requests is covered by {@code DPoPIT}; here an in-memory set stands in for the table.
 */
class DPoPProofsTest {
    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final String TOKEN_URI = "https://id.example.jp/oauth2/token";

    final MasterKey masterKey = MasterKey.random();
    final ECKey key = ec();

    static ECKey ec() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    DPoPProofs proofs(Instant now, boolean nonceRequired) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        DPoPProperties properties = new DPoPProperties(nonceRequired, null, null, null);
        Set<String> seen = new HashSet<>();
        UsedProofIds used = new UsedProofIds(null, clock) {
            @Override
            public boolean firstUse(String jkt, String jti, Instant forgetAfter) {
                return seen.add(jkt + " " + jti);
            }
        };
        return new DPoPProofs(properties, new DPoPNonces(masterKey, clock, properties), used, clock);
    }

    String proof(JWK jwk, Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        return proof(jwk, JWSAlgorithm.ES256, "dpop+jwt", claims);
    }

    String proof(JWK jwk, JWSAlgorithm alg, String typ, Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        return proof(jwk, alg, typ, false, claims);
    }

    /** @param privateInHeader put the whole key, private part included, in the {@code jwk} header */
    String proof(JWK jwk, JWSAlgorithm alg, String typ, boolean privateInHeader,
                 Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
                .claim("htm", "POST").claim("htu", TOKEN_URI).issueTime(Date.from(NOW));
        claims.accept(builder);
        // written by hand: Nimbus's header builder (rightly) refuses a private jwk
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg.getName());
        header.put("typ", typ);
        header.put("jwk", (privateInHeader ? jwk : jwk.toPublicJWK()).toJSONObject());
        String signingInput = Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "."
                + Base64URL.encode(builder.build().toString());
        JWSSigner signer = switch (jwk) {
            case ECKey ec -> new ECDSASigner(ec);
            case RSAKey rsa -> new RSASSASigner(rsa.toPrivateKey(), true);
            case OctetKeyPair okp -> SigningAlgorithms.signer(okp);
            default -> throw new IllegalArgumentException();
        };
        Base64URL signature = signer.sign(new JWSHeader(alg), signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + signature;
    }

    DPoPProofs.Proof verify(DPoPProofs proofs, String proof) {
        return proofs.verify(proof, "POST", List.of(TOKEN_URI), null, proofs.nonceRequired());
    }

    static void assertInvalid(Runnable verification) {
        assertThatThrownBy(verification::run).isInstanceOf(DPoPProofRejected.class)
                .extracting(e -> ((DPoPProofRejected) e).error()).isEqualTo(DPoPProofRejected.INVALID_DPOP_PROOF);
    }

    @Test
    @DisplayName("RFC 9449 §4.3 and §6.1: a valid ES256 proof yields the key's RFC 7638 thumbprint")
    void requestWhenValidProofThenThumbprint() throws Exception {
        DPoPProofs.Proof proof = verify(proofs(NOW, false), proof(key, c -> { }));
        assertThat(proof.jkt()).isEqualTo(key.computeThumbprint("SHA-256").toString()).hasSize(43);
    }

    @Test
    @DisplayName("RFC 9449 §4.3, §5.1: PS256, RS256 and EdDSA proofs verify too")
    void requestWhenOtherSupportedAlgorithmsThenAccepted() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        DPoPProofs proofs = proofs(NOW, false);
        assertThat(verify(proofs, proof(rsa, JWSAlgorithm.PS256, "dpop+jwt", c -> { })).jkt())
                .isEqualTo(rsa.computeThumbprint().toString());
        assertThat(verify(proofs, proof(rsa, JWSAlgorithm.RS256, "dpop+jwt", c -> { })).jkt()).isNotNull();
        OctetKeyPair ed = (OctetKeyPair) SigningAlgorithms.generate("EdDSA", "k");
        assertThat(verify(proofs, proof(ed, JWSAlgorithm.EdDSA, "dpop+jwt", c -> { })).jkt())
                .isEqualTo(ed.computeThumbprint().toString());
    }

    @Test
    @DisplayName("RFC 9449 §4.3 check 4: typ other than dpop+jwt is invalid_dpop_proof")
    void requestWhenWrongTypThenInvalid() throws Exception {
        String proof = proof(key, JWSAlgorithm.ES256, "JWT", c -> { });
        assertInvalid(() -> verify(proofs(NOW, false), proof));
    }

    @Test
    @DisplayName("RFC 9449 §4.3 check 5: a symmetric alg (HS256) is invalid_dpop_proof")
    void requestWhenSymmetricAlgThenInvalid() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(DPoPProofs.TYPE)
                .jwk(key.toPublicJWK()).build(), new JWTClaimsSet.Builder().jwtID("j").claim("htm", "POST")
                .claim("htu", TOKEN_URI).issueTime(Date.from(NOW)).build());
        jwt.sign(new MACSigner(new byte[32]));
        assertInvalid(() -> verify(proofs(NOW, false), jwt.serialize()));
    }

    @Test
    @DisplayName("RFC 9449 §4.3 check 6: a jwk holding the private key is invalid_dpop_proof")
    void requestWhenPrivateKeyInJwkThenInvalid() throws Exception {
        String proof = proof(key, JWSAlgorithm.ES256, "dpop+jwt", true, c -> { });
        assertInvalid(() -> verify(proofs(NOW, false), proof));
    }

    @Test
    @DisplayName("RFC 9449 §4.3 check 7: a signature by another key than the jwk is invalid_dpop_proof")
    void requestWhenSignatureByOtherKeyThenInvalid() throws Exception {
        String proof = proof(key, c -> { });
        String[] parts = proof.split("\\.");
        String other = proof(ec(), c -> { }).split("\\.")[2];
        assertInvalid(() -> verify(proofs(NOW, false), parts[0] + "." + parts[1] + "." + other));
    }

    @Test
    @DisplayName("RFC 9449 §4.3 check 5: an RSA key under 2048 bits is refused")
    void requestWhenShortRsaKeyThenInvalid() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(1024, true).generate();
        String proof = proof(rsa, JWSAlgorithm.RS256, "dpop+jwt", c -> { });
        assertInvalid(() -> verify(proofs(NOW, false), proof));
    }

    @Test
    @DisplayName("RFC 9449 §4.3 check 8: htm other than the request method is invalid_dpop_proof")
    void requestWhenWrongHtmThenInvalid() throws Exception {
        String proof = proof(key, c -> c.claim("htm", "GET"));
        assertInvalid(() -> verify(proofs(NOW, false), proof));
    }

    @Test
    @DisplayName("RFC 9449 §4.3 check 9: htu of another endpoint is invalid; query, fragment, case and default port are ignored")
    void requestWhenHtuThenComparedWithoutQueryAndFragment() throws Exception {
        DPoPProofs proofs = proofs(NOW, false);
        String other = proof(key, c -> c.claim("htu", "https://id.example.jp/userinfo"));
        assertInvalid(() -> verify(proofs, other));
        String variant = proof(key, c -> c.claim("htu", "HTTPS://ID.example.jp:443/oauth2/token?x=1#f"));
        assertThat(verify(proofs, variant).jkt()).isNotNull();
        String otherPath = proof(key, c -> c.claim("htu", "https://id.example.jp/oauth2/TOKEN"));
        assertInvalid(() -> verify(proofs, otherPath));
    }

    @Test
    @DisplayName("RFC 9449 §4.3 check 11, §11.1: a stale iat or one too far ahead is invalid_dpop_proof")
    void requestWhenIatOutsideWindowThenInvalid() throws Exception {
        DPoPProofs proofs = proofs(NOW, false);
        String stale = proof(key, c -> c.issueTime(Date.from(NOW.minus(Duration.ofMinutes(6)))));
        assertInvalid(() -> verify(proofs, stale));
        String future = proof(key, c -> c.issueTime(Date.from(NOW.plus(Duration.ofMinutes(2)))));
        assertInvalid(() -> verify(proofs, future));
        String recent = proof(key, c -> c.issueTime(Date.from(NOW.minus(Duration.ofMinutes(4)))));
        assertThat(verify(proofs, recent).jkt()).isNotNull();
    }

    @Test
    @DisplayName("RFC 9449 §11.1: the same proof twice is a replay")
    void requestWhenReplayedThenInvalid() throws Exception {
        DPoPProofs proofs = proofs(NOW, false);
        String proof = proof(key, c -> { });
        verify(proofs, proof);
        assertInvalid(() -> verify(proofs, proof));
    }

    @Test
    @DisplayName("RFC 9449 §4.2, §7.1: at a resource the ath must be the access token's hash")
    void requestWhenAthThenMustMatchTheToken() throws Exception {
        DPoPProofs proofs = proofs(NOW, false);
        String token = "an-access-token";
        String good = proof(key, c -> c.claim("ath", TokenHashes.sha256(token)));
        assertThat(proofs.verify(good, "POST", List.of(TOKEN_URI), token, false).jkt()).isNotNull();
        String wrong = proof(key, c -> c.claim("ath", TokenHashes.sha256("another token")));
        assertInvalid(() -> proofs.verify(wrong, "POST", List.of(TOKEN_URI), token, false));
        String missing = proof(key, c -> { });
        assertInvalid(() -> proofs.verify(missing, "POST", List.of(TOKEN_URI), token, false));
    }

    @Nested
    @DisplayName("RFC 9449 §8: server nonces")
    class Nonces {
        @Test
        @DisplayName("RFC 9449 §8: without a nonce when one is required → use_dpop_nonce; with the announced one → accepted")
        void requestWhenNonceRequiredThenDance() throws Exception {
            DPoPProofs proofs = proofs(NOW, true);
            String without = proof(key, c -> { });
            assertThatThrownBy(() -> verify(proofs, without)).isInstanceOf(DPoPProofRejected.class)
                    .matches(e -> ((DPoPProofRejected) e).wantsNonce());
            String nonce = proofs.currentNonce();
            DPoPProofs.Proof proof = verify(proofs, proof(key, c -> c.claim("nonce", nonce)));
            assertThat(proof.nonceCurrent()).isTrue();
        }

        @Test
        @DisplayName("RFC 9449 §8.2: the previous slot's nonce still works but asks for rotation; older ones do not")
        void requestWhenNonceAgesThenPreviousAcceptedOlderRefused() throws Exception {
            String nonce = proofs(NOW, true).currentNonce();
            DPoPProofs nextSlot = proofs(NOW.plus(Duration.ofMinutes(5)), true);
            String stillGood = proof(key, c -> c.claim("nonce", nonce).issueTime(Date.from(NOW.plus(Duration.ofMinutes(5)))));
            DPoPProofs.Proof proof = nextSlot.verify(stillGood, "POST", List.of(TOKEN_URI), null, true);
            assertThat(proof.nonceCurrent()).as("a fresh DPoP-Nonce should be announced").isFalse();
            assertThat(nextSlot.currentNonce()).isNotEqualTo(nonce);

            DPoPProofs twoSlotsLater = proofs(NOW.plus(Duration.ofMinutes(10)), true);
            String tooOld = proof(key, c -> c.claim("nonce", nonce).issueTime(Date.from(NOW.plus(Duration.ofMinutes(10)))));
            assertThatThrownBy(() -> twoSlotsLater.verify(tooOld, "POST", List.of(TOKEN_URI), null, true))
                    .isInstanceOf(DPoPProofRejected.class).matches(e -> ((DPoPProofRejected) e).wantsNonce());
        }

        @Test
        @DisplayName("RFC 9449 §8: a made-up nonce is refused even where nonces are optional")
        void requestWhenForgedNonceThenUseDpopNonce() throws Exception {
            String forged = proof(key, c -> c.claim("nonce", "made-up"));
            assertThatThrownBy(() -> verify(proofs(NOW, false), forged)).isInstanceOf(DPoPProofRejected.class)
                    .matches(e -> ((DPoPProofRejected) e).wantsNonce());
        }

        @Test
        @DisplayName("RFC 9449 §8: nonces are derived from the master key, so another deployment's do not work")
        void requestWhenOtherMasterKeyThenDifferentNonces() {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            DPoPProperties properties = new DPoPProperties(true, null, null, null);
            String ours = new DPoPNonces(masterKey, clock, properties).current();
            assertThat(new DPoPNonces(MasterKey.random(), clock, properties).valid(ours)).isFalse();
            assertThat(new DPoPNonces(masterKey, clock, properties).valid(ours)).isTrue();
        }
    }
}
