package io.kizuna.signingkey;

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
import com.nimbusds.jose.jwk.JWK;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The signing key's life: given events → command → expected events or refusal. */
class SigningKeyTest {
    static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    static final SigningKeyId KID = new SigningKeyId("k1");
    static final SigningKeyId NEXT = new SigningKeyId("k2");
    static final JWK KEY = SigningAlgorithms.generate("ES256", "k1");
    static final String PUBLIC = KEY.toPublicJWK().toJSONString();
    static final String SEALED = "c2VhbGVk";

    AggregateTestFixture<SigningKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SigningKey.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static SigningKeyGenerated generated() {
        return new SigningKeyGenerated(KID, "ES256", PUBLIC, SEALED, MasterKeyEncryption.SCHEME, NOW);
    }

    @Nested
    class Generate {
        @Test
        @DisplayName("a key is recorded with its public JWK and encrypted private key only")
        void recordsPublicJwkAndEncryptedPrivateKey() {
            fixture.givenNoPriorActivity()
                    .when(new GenerateSigningKeyCommand(KID, "ES256", PUBLIC, SEALED, MasterKeyEncryption.SCHEME))
                    .expectEvents(generated());
        }

        @Test
        @DisplayName("a 'public' JWK that carries the private key (d) is refused, so it never enters the ledger")
        void refusesPrivateMaterialInPublicJwk() {
            fixture.givenNoPriorActivity()
                    .when(new GenerateSigningKeyCommand(KID, "ES256", KEY.toJSONString(), SEALED, MasterKeyEncryption.SCHEME))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        @DisplayName("RFC 8725 §3.1: the JWK's alg must be the key's algorithm")
        void refusesAlgorithmMismatch() {
            fixture.givenNoPriorActivity()
                    .when(new GenerateSigningKeyCommand(KID, "RS256", PUBLIC, SEALED, MasterKeyEncryption.SCHEME))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        void refusesUnsupportedAlgorithm() {
            fixture.givenNoPriorActivity()
                    .when(new GenerateSigningKeyCommand(KID, "HS256", PUBLIC, SEALED, MasterKeyEncryption.SCHEME))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        void refusesMissingEncryptedPrivateKey() {
            fixture.givenNoPriorActivity()
                    .when(new GenerateSigningKeyCommand(KID, "ES256", PUBLIC, null, MasterKeyEncryption.SCHEME))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }
    }

    @Nested
    class Activate {
        @Test
        void activatesAGeneratedKey() {
            fixture.given(generated()).when(new ActivateSigningKeyCommand(KID))
                    .expectEvents(new SigningKeyActivated(KID, "ES256", NOW));
        }

        @Test
        void refusesToActivateTwice() {
            fixture.given(generated(), new SigningKeyActivated(KID, "ES256", NOW))
                    .when(new ActivateSigningKeyCommand(KID)).expectNoEvents().expectException(LedgerRejection.class);
        }
    }

    @Nested
    class Rotate {
        @Test
        @DisplayName("OIDC Core §10.1.1: the active key hands over and stays published for the overlap")
        void rotatesTheActiveKeyWithOverlap() {
            Instant until = NOW.plusSeconds(86_400);
            fixture.given(generated(), new SigningKeyActivated(KID, "ES256", NOW))
                    .when(new RotateSigningKeyCommand(KID, NEXT, until))
                    .expectEvents(new SigningKeyRotated(KID, "ES256", NEXT, until, NOW));
        }

        @Test
        void refusesAnOverlapThatEndedAlready() {
            fixture.given(generated(), new SigningKeyActivated(KID, "ES256", NOW))
                    .when(new RotateSigningKeyCommand(KID, NEXT, NOW.minusSeconds(1)))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        void refusesToRotateAKeyThatIsNotActive() {
            fixture.given(generated()).when(new RotateSigningKeyCommand(KID, NEXT, NOW.plusSeconds(60)))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        void refusesItselfAsSuccessor() {
            fixture.given(generated(), new SigningKeyActivated(KID, "ES256", NOW))
                    .when(new RotateSigningKeyCommand(KID, KID, NOW.plusSeconds(60)))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }
    }

    @Nested
    class Retire {
        @Test
        void retiresARotatedKey() {
            fixture.given(generated(), new SigningKeyActivated(KID, "ES256", NOW),
                            new SigningKeyRotated(KID, "ES256", NEXT, NOW.plusSeconds(60), NOW))
                    .when(new RetireSigningKeyCommand(KID, "operator"))
                    .expectEvents(new SigningKeyRetired(KID, "ES256", "operator", NOW));
        }

        @Test
        @DisplayName("the active key cannot be retired: its algorithm would be left without a signer")
        void refusesToRetireTheActiveKey() {
            fixture.given(generated(), new SigningKeyActivated(KID, "ES256", NOW))
                    .when(new RetireSigningKeyCommand(KID, "operator"))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        void refusesToRetireTwice() {
            fixture.given(generated(), new SigningKeyRetired(KID, "ES256", "operator", NOW))
                    .when(new RetireSigningKeyCommand(KID, "operator"))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        void refusesAnUnknownReason() {
            fixture.given(generated()).when(new RetireSigningKeyCommand(KID, "because"))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }
    }
}
