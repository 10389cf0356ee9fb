package io.kizuna.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ChangeClientAuthorizationResponseCommand;
import io.kizuna.api.client.ChangeClientProfileCommand;
import io.kizuna.api.client.ClientAuthorizationResponseChanged;
import io.kizuna.api.client.ClientDeleted;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientProfileChanged;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientResponseProtectionChanged;
import io.kizuna.api.client.ClientType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** JARM §3 client metadata on the client aggregate: signing algorithm, encryption and the client's keys. */
class ClientAuthorizationResponseTest {
    static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");
    static final ClientId ID = ClientResponseProtectionTest.ID;
    static final String RSA_ENC = ClientResponseProtectionTest.RSA_ENC;
    static final String EC_NO_USE = ClientResponseProtectionTest.EC_NO_USE;

    AggregateTestFixture<OAuthClient> fixture;

    static ClientRegistered keyClient(String jwks) {
        return new ClientRegistered(ID, "rp", ClientType.CONFIDENTIAL, null, "private_key_jwt",
                List.of("https://rp.example.jp/cb"), List.of("authorization_code"), List.of("openid"), null, NOW, "jwt",
                jwks);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OAuthClient.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("JARM §3: PS256 signing and RSA-OAEP-256/A256GCM encryption are recorded for a client with an RSA enc key")
    void jarm_3_recordsSigningAndEncryption() {
        fixture.given(ClientResponseProtectionTest.registered(RSA_ENC))
                .when(new ChangeClientAuthorizationResponseCommand(ID, "PS256", "RSA-OAEP-256", "A256GCM"))
                .expectEvents(new ClientAuthorizationResponseChanged(ID, "PS256", "RSA-OAEP-256", "A256GCM", NOW));
    }

    @Test
    @DisplayName("JARM §3: none and unknown algorithms are refused; enc without alg is refused")
    void jarm_3_refusesNoneAndUnknown() {
        for (String[] bad : new String[][] {{"none", null, null}, {"HS256", null, null}, {null, "RSA1_5", null},
                {null, null, "A128GCM"}, {null, "RSA-OAEP-256", "A999GCM"}}) {
            fixture.given(ClientResponseProtectionTest.registered(RSA_ENC))
                    .when(new ChangeClientAuthorizationResponseCommand(ID, bad[0], bad[1], bad[2]))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }
    }

    @Test
    @DisplayName("JARM §3: encryption needs a key of its kind in jwks (ECDH-ES: EC P-256), or a jwks_uri")
    void jarm_3_encryptionNeedsKey() {
        fixture.given(ClientResponseProtectionTest.registered(RSA_ENC))
                .when(new ChangeClientAuthorizationResponseCommand(ID, null, "ECDH-ES", null))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(ClientResponseProtectionTest.registered(EC_NO_USE))
                .when(new ChangeClientAuthorizationResponseCommand(ID, null, "ECDH-ES", null))
                .expectEvents(new ClientAuthorizationResponseChanged(ID, null, "ECDH-ES", null, NOW));
        fixture.given(ClientResponseProtectionTest.registered(null))
                .when(new ChangeClientAuthorizationResponseCommand(ID, null, "RSA-OAEP-256", null))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(ClientResponseProtectionTest.registered(null), new ClientResponseProtectionChanged(ID, null, null,
                        null, null, null, "https://rp.example.jp/jwks", NOW))
                .when(new ChangeClientAuthorizationResponseCommand(ID, null, "RSA-OAEP-256", null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    @DisplayName("JARM §3 with FAPI 1.0 Advanced §8.6: a FAPI client may not sign with RS256, either way round")
    void jarm_3_fapiClientsNoRs256() {
        fixture.given(keyClient(EC_NO_USE), new ClientProfileChanged(ID, "fapi1-advanced", NOW))
                .when(new ChangeClientAuthorizationResponseCommand(ID, "RS256", null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(keyClient(EC_NO_USE), new ClientAuthorizationResponseChanged(ID, "RS256", null, null, NOW))
                .when(new ChangeClientProfileCommand(ID, "fapi1-advanced"))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(keyClient(EC_NO_USE), new ClientAuthorizationResponseChanged(ID, "PS256", null, null, NOW))
                .when(new ChangeClientProfileCommand(ID, "fapi1-advanced"))
                .expectEvents(new ClientProfileChanged(ID, "fapi1-advanced", NOW));
    }

    @Test
    @DisplayName("A deleted client's JARM settings cannot change")
    void deletedClient() {
        fixture.given(ClientResponseProtectionTest.registered(RSA_ENC), new ClientDeleted(ID, NOW))
                .when(new ChangeClientAuthorizationResponseCommand(ID, "ES256", null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("JARM §3 defaults: RS256 (PS256 for a FAPI client); enc A128CBC-HS256 when only alg is given")
    void jarm_3_defaults() {
        assertThat(AuthorizationResponseSettings.NONE.signedResponseAlgOrDefault(ClientProfile.NONE)).isEqualTo("RS256");
        assertThat(AuthorizationResponseSettings.NONE.signedResponseAlgOrDefault(ClientProfile.FAPI1_ADVANCED))
                .isEqualTo("PS256");
        assertThat(new AuthorizationResponseSettings("ES256", null, null).signedResponseAlgOrDefault(ClientProfile.NONE))
                .isEqualTo("ES256");
        assertThat(new AuthorizationResponseSettings(null, "ECDH-ES", null).encOrDefault()).isEqualTo("A128CBC-HS256");
        assertThat(AuthorizationResponseSettings.NONE.encOrDefault()).isNull();
    }
}
