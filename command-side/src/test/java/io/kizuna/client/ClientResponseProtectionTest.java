package io.kizuna.client;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ChangeClientResponseProtectionCommand;
import io.kizuna.api.client.ClientDeleted;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientResponseProtectionChanged;
import io.kizuna.api.client.ClientType;
import io.kizuna.api.client.ClientUpdated;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** ID token encryption (OIDC Core §10.2) and UserInfo signing/encryption (§5.3.2) as OIDC DCR §2 metadata. */
class ClientResponseProtectionTest {
    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final ClientId ID = new ClientId("rp");
    static final String RSA_ENC = jwks(true);
    static final String EC_NO_USE = jwks(false);

    AggregateTestFixture<OAuthClient> fixture;

    static String jwks(boolean rsa) {
        try {
            return rsa ? new JWKSet(new RSAKeyGenerator(2048).keyUse(KeyUse.ENCRYPTION).generate().toPublicJWK()).toString()
                    : new JWKSet(new ECKeyGenerator(Curve.P_256).generate().toPublicJWK()).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ClientRegistered registered(String jwks) {
        return new ClientRegistered(ID, "rp", ClientType.CONFIDENTIAL, "hash", "client_secret_basic",
                List.of("https://rp.example.jp/cb"), List.of("authorization_code"), List.of("openid"), null, NOW, "jwt",
                jwks);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OAuthClient.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("OIDC DCR §2: RSA-OAEP-256/A256GCM ID tokens and ES256 UserInfo are recorded for a client with an RSA enc key")
    void recordsWithRsaKey() {
        fixture.given(registered(RSA_ENC))
                .when(new ChangeClientResponseProtectionCommand(ID, "RSA-OAEP-256", "A256GCM", "ES256", null, null, null))
                .expectEvents(new ClientResponseProtectionChanged(ID, "RSA-OAEP-256", "A256GCM", "ES256", null, null,
                        null, NOW));
    }

    @Test
    @DisplayName("OIDC DCR §2: ECDH-ES needs an EC P-256 key (no use is fine); an RSA key alone is refused")
    void ecdhNeedsEcKey() {
        fixture.given(registered(EC_NO_USE))
                .when(new ChangeClientResponseProtectionCommand(ID, null, null, null, "ECDH-ES+A256KW", "A128GCM", null))
                .expectSuccessfulHandlerExecution();
        fixture.given(registered(RSA_ENC))
                .when(new ChangeClientResponseProtectionCommand(ID, "ECDH-ES", null, null, null, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("OIDC DCR §2: without jwks encryption needs a jwks_uri; jwks and jwks_uri never together (RFC 7591 §2)")
    void keysByUriOrValue() {
        fixture.given(registered(null))
                .when(new ChangeClientResponseProtectionCommand(ID, "RSA-OAEP-256", null, null, null, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(registered(null))
                .when(new ChangeClientResponseProtectionCommand(ID, "RSA-OAEP-256", null, null, null, null,
                        "https://rp.example.jp/jwks"))
                .expectSuccessfulHandlerExecution();
        fixture.given(registered(RSA_ENC))
                .when(new ChangeClientResponseProtectionCommand(ID, null, null, null, null, null,
                        "https://rp.example.jp/jwks"))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("the keys that count are the latest: after an update drops the jwks, encryption is refused")
    void updateDroppingKeys() {
        fixture.given(registered(RSA_ENC), new ClientUpdated(ID, "rp", List.of("https://rp.example.jp/cb"),
                        List.of("authorization_code"), List.of("openid"), null, "jwt", null, NOW))
                .when(new ChangeClientResponseProtectionCommand(ID, null, null, null, "RSA-OAEP-256", null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("RFC 7591 §3.2.2: enc without alg, RSA1_5, A192GCM, userinfo alg none, and a deleted client are refused")
    void refusals() {
        for (ChangeClientResponseProtectionCommand bad : List.of(
                new ChangeClientResponseProtectionCommand(ID, null, "A128GCM", null, null, null, null),
                new ChangeClientResponseProtectionCommand(ID, "RSA1_5", null, null, null, null, null),
                new ChangeClientResponseProtectionCommand(ID, "RSA-OAEP-256", "A192GCM", null, null, null, null),
                new ChangeClientResponseProtectionCommand(ID, null, null, "none", null, null, null),
                new ChangeClientResponseProtectionCommand(ID, null, null, null, null, "A256GCM", null))) {
            fixture.given(registered(RSA_ENC)).when(bad).expectNoEvents().expectException(LedgerRejection.class);
        }
        fixture.given(registered(RSA_ENC), new ClientDeleted(ID, NOW))
                .when(new ChangeClientResponseProtectionCommand(ID, null, null, "ES256", null, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("OIDC DCR §2: the enc defaults to A128CBC-HS256 only when an alg is given")
    void encDefault() {
        ResponseProtection p = new ResponseProtection("ECDH-ES", null, null, null, null, null);
        org.assertj.core.api.Assertions.assertThat(p.idTokenEncOrDefault()).isEqualTo("A128CBC-HS256");
        org.assertj.core.api.Assertions.assertThat(p.userinfoEncOrDefault()).isNull();
    }
}
