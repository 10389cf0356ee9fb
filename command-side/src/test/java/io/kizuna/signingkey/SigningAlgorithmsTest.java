package io.kizuna.signingkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.crypto.MasterKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigningAlgorithmsTest {

    static SignedJWT signed(JWK key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.parse(key.getAlgorithm().getName()))
                .keyID(key.getKeyID()).build(), new JWTClaimsSet.Builder().subject("s").build());
        jwt.sign(SigningAlgorithms.signer(key));
        return SignedJWT.parse(jwt.serialize());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ES256", "PS256", "RS256", "EdDSA"})
    @DisplayName("RFC 7518 §3 / RFC 8037 §3.1: a generated key signs, and its public JWK alone verifies")
    void generatedKeySignsAndPublicKeyVerifies(String alg) throws Exception {
        JWK key = SigningAlgorithms.generate(alg, "kid-" + alg);
        assertThat(key.isPrivate()).isTrue();
        assertThat(key.toPublicJWK().isPrivate()).isFalse();
        assertThat(key.getAlgorithm().getName()).isEqualTo(alg);
        SignedJWT jwt = signed(key);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo(alg);
        assertThat(SigningAlgorithms.verify(jwt, key.toPublicJWK())).isTrue();
        assertThat(SigningAlgorithms.verify(jwt, SigningAlgorithms.generate(alg, "other").toPublicJWK()))
                .as("another key of the same algorithm").isFalse();
    }

    @Test
    @DisplayName("RFC 8725 §3.1: a signature is checked only under the key's own algorithm (PS256 key, RS256 header)")
    void refusesAlgorithmConfusion() throws Exception {
        JWK rsa = SigningAlgorithms.generate("RS256", "rsa");
        SignedJWT jwt = signed(rsa);
        JWK sameKeyOtherAlg = new com.nimbusds.jose.jwk.RSAKey.Builder(rsa.toRSAKey().toPublicJWK())
                .algorithm(JWSAlgorithm.PS256).keyID("rsa").build();
        assertThat(SigningAlgorithms.verify(jwt, sameKeyOtherAlg)).isFalse();
    }

    @Test
    @DisplayName("the master-key encryption binds a sealed key to its kid and opens only with the same master key")
    void masterKeyEncryptionBindsKid() throws Exception {
        MasterKey master = MasterKey.random();
        KeyEncryption encryption = new MasterKeyEncryption(master);
        byte[] sealed = encryption.encrypt("secret".getBytes(StandardCharsets.UTF_8), "k1".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(encryption.decrypt(MasterKeyEncryption.SCHEME, sealed,
                "k1".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8)).isEqualTo("secret");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> encryption.decrypt(MasterKeyEncryption.SCHEME, sealed,
                "k2".getBytes(StandardCharsets.UTF_8))).isInstanceOf(GeneralSecurityException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MasterKeyEncryption(MasterKey.random())
                .decrypt(MasterKeyEncryption.SCHEME, sealed, "k1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GeneralSecurityException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> encryption.decrypt("kms/other", sealed,
                "k1".getBytes(StandardCharsets.UTF_8))).isInstanceOf(GeneralSecurityException.class);
    }
}
