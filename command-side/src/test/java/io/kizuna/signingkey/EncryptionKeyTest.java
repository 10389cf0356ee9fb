package io.kizuna.signingkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import io.kizuna.api.LedgerRejection;
import io.kizuna.api.signingkey.ActivateSigningKeyCommand;
import io.kizuna.api.signingkey.GenerateSigningKeyCommand;
import io.kizuna.api.signingkey.RetireSigningKeyCommand;
import io.kizuna.api.signingkey.RotateSigningKeyCommand;
import io.kizuna.api.signingkey.SigningKeyActivated;
import io.kizuna.api.signingkey.SigningKeyGenerated;
import io.kizuna.api.signingkey.SigningKeyId;
import io.kizuna.api.signingkey.SigningKeyRetired;
import io.kizuna.api.signingkey.SigningKeyRotated;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The server's use=enc keys in the key ledger (RFC 9101 §6.1, RFC 7517 §4.2). */
class EncryptionKeyTest {
    static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");
    static final SigningKeyId KID = new SigningKeyId("e1");
    static final String SEALED = "c2VhbGVk";

    AggregateTestFixture<SigningKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SigningKey.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("RFC 7517 §4.2: generated encryption keys carry use enc; RSA is 2048 bits with alg RSA-OAEP-256, EC is P-256 without alg (the ECDH-ES family)")
    void generatedKeysAreEncryptionKeys() {
        JWK rsa = EncryptionKeyAlgorithms.generate("RSA-OAEP-256", "r");
        JWK ec = EncryptionKeyAlgorithms.generate("ECDH-ES", "e");
        assertThat(rsa.getKeyUse()).isEqualTo(KeyUse.ENCRYPTION);
        assertThat(rsa.size()).isEqualTo(2048);
        assertThat(rsa.getAlgorithm().getName()).isEqualTo("RSA-OAEP-256");
        assertThat(ec.getKeyUse()).isEqualTo(KeyUse.ENCRYPTION);
        assertThat(ec.getAlgorithm()).isNull();
        assertThat(EncryptionKeyAlgorithms.fits("RSA-OAEP-256", rsa.toPublicJWK())).isTrue();
        assertThat(EncryptionKeyAlgorithms.fits("ECDH-ES", ec.toPublicJWK())).isTrue();
        assertThat(EncryptionKeyAlgorithms.familyOf("ECDH-ES+A256KW")).isEqualTo("ECDH-ES");
        assertThat(EncryptionKeyAlgorithms.familyOf("RSA-OAEP")).as("SHA-1 OAEP is refused (RFC 8725 §3.2)").isNull();
        assertThat(EncryptionKeyAlgorithms.familyOf("RSA1_5")).isNull();
    }

    @Test
    @DisplayName("RFC 9101 §6.1: an encryption key goes through the ledger's life — generated, active, rotated, retired")
    void encryptionKeyLifecycle() {
        String publicJwk = EncryptionKeyAlgorithms.generate("ECDH-ES", "e1").toPublicJWK().toJSONString();
        SigningKeyGenerated generated = new SigningKeyGenerated(KID, "ECDH-ES", publicJwk, SEALED,
                MasterKeyEncryption.SCHEME, NOW);
        fixture.givenNoPriorActivity()
                .when(new GenerateSigningKeyCommand(KID, "ECDH-ES", publicJwk, SEALED, MasterKeyEncryption.SCHEME))
                .expectEvents(generated);
        fixture.given(generated).when(new ActivateSigningKeyCommand(KID))
                .expectEvents(new SigningKeyActivated(KID, "ECDH-ES", NOW));
        SigningKeyId next = new SigningKeyId("e2");
        fixture.given(generated, new SigningKeyActivated(KID, "ECDH-ES", NOW))
                .when(new RotateSigningKeyCommand(KID, next, NOW.plusSeconds(3600)))
                .expectEvents(new SigningKeyRotated(KID, "ECDH-ES", next, NOW.plusSeconds(3600), NOW));
        fixture.given(generated, new SigningKeyActivated(KID, "ECDH-ES", NOW),
                        new SigningKeyRotated(KID, "ECDH-ES", next, NOW.plusSeconds(3600), NOW))
                .when(new RetireSigningKeyCommand(KID, "overlap_ended"))
                .expectEvents(new SigningKeyRetired(KID, "ECDH-ES", "overlap_ended", NOW));
    }

    @Test
    @DisplayName("RFC 7517 §4.2: a signing key (use sig) is refused as an encryption key, and an encryption key as a signing key")
    void useMustMatchTheFamily() {
        String signing = SigningAlgorithms.generate("ES256", "e1").toPublicJWK().toJSONString();
        fixture.givenNoPriorActivity()
                .when(new GenerateSigningKeyCommand(KID, "ECDH-ES", signing, SEALED, MasterKeyEncryption.SCHEME))
                .expectNoEvents().expectException(LedgerRejection.class);
        String rsaEnc = EncryptionKeyAlgorithms.generate("RSA-OAEP-256", "e1").toPublicJWK().toJSONString();
        fixture.givenNoPriorActivity()
                .when(new GenerateSigningKeyCommand(KID, "PS256", rsaEnc, SEALED, MasterKeyEncryption.SCHEME))
                .expectNoEvents().expectException(LedgerRejection.class);
        String ecEnc = EncryptionKeyAlgorithms.generate("ECDH-ES", "e1").toPublicJWK().toJSONString();
        fixture.givenNoPriorActivity()
                .when(new GenerateSigningKeyCommand(KID, "RSA-OAEP-256", ecEnc, SEALED, MasterKeyEncryption.SCHEME))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("an encryption key whose 'public' JWK holds the private part never enters the ledger")
    void refusesPrivateMaterial() {
        String privateJwk = EncryptionKeyAlgorithms.generate("RSA-OAEP-256", "e1").toJSONString();
        fixture.givenNoPriorActivity()
                .when(new GenerateSigningKeyCommand(KID, "RSA-OAEP-256", privateJwk, SEALED, MasterKeyEncryption.SCHEME))
                .expectNoEvents().expectException(LedgerRejection.class);
    }
}
