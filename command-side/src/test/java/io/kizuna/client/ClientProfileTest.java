package io.kizuna.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ChangeClientProfileCommand;
import io.kizuna.api.client.ChangeClientTokenSettingsCommand;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientProfileChanged;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientTokenSettingsChanged;
import io.kizuna.api.client.ClientType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** FAPI security profiles on the client aggregate: what a client must already be to take one. */
class ClientProfileTest {
    static final Instant NOW = Instant.parse("2026-11-28T04:00:00Z");
    static final ClientId ID = new ClientId("bank");

    static ClientRegistered registered(String authMethod, ClientType type) {
        return new ClientRegistered(ID, "bank", type, authMethod.startsWith("client_secret") ? "hash" : null,
                authMethod, List.of("https://bank.example/cb"), List.of("authorization_code"), List.of("openid"), null,
                NOW, "jwt", null);
    }

    AggregateTestFixture<OAuthClient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OAuthClient.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("FAPI 2.0 SP §5.3.2.1: private_key_jwt and mutual-TLS clients may take a FAPI profile")
    void changeWhenKeyOrTlsClientThenProfileRecorded() {
        for (String method : List.of("private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth")) {
            fixture.given(registered(method, ClientType.CONFIDENTIAL))
                    .when(new ChangeClientProfileCommand(ID, "fapi2-security"))
                    .expectEvents(new ClientProfileChanged(ID, "fapi2-security", NOW));
        }
    }

    @Test
    @DisplayName("FAPI 2.0 SP §5.3.2.1: a secret-based or public client cannot take a FAPI profile; an unknown name is refused")
    void changeWhenSecretOrPublicClientThenRefused() {
        fixture.given(registered("client_secret_basic", ClientType.CONFIDENTIAL))
                .when(new ChangeClientProfileCommand(ID, "fapi1-advanced")).expectException(LedgerRejection.class);
        fixture.given(registered("none", ClientType.PUBLIC))
                .when(new ChangeClientProfileCommand(ID, "fapi2-security")).expectException(LedgerRejection.class);
        fixture.given(registered("private_key_jwt", ClientType.CONFIDENTIAL))
                .when(new ChangeClientProfileCommand(ID, "fapi3")).expectException(LedgerRejection.class);
        fixture.given(registered("client_secret_basic", ClientType.CONFIDENTIAL))
                .when(new ChangeClientProfileCommand(ID, "none"))
                .expectEvents(new ClientProfileChanged(ID, "none", NOW));
    }

    @Test
    @DisplayName("FAPI 2.0 SP §5.4.1, FAPI 1.0 Advanced §8.6: RS256 is refused under a FAPI profile, before and after")
    void changeWhenRs256ThenRefusedUnderFapi() {
        fixture.given(registered("private_key_jwt", ClientType.CONFIDENTIAL),
                        new ClientTokenSettingsChanged(ID, null, "RS256", null, null, null, NOW))
                .when(new ChangeClientProfileCommand(ID, "fapi2-security")).expectException(LedgerRejection.class);
        fixture.given(registered("private_key_jwt", ClientType.CONFIDENTIAL),
                        new ClientProfileChanged(ID, "fapi2-security", NOW))
                .when(new ChangeClientTokenSettingsCommand(ID, "RS256", null, null, null, null))
                .expectException(LedgerRejection.class);
        fixture.given(registered("private_key_jwt", ClientType.CONFIDENTIAL),
                        new ClientProfileChanged(ID, "fapi1-advanced", NOW))
                .when(new ChangeClientTokenSettingsCommand(ID, null, "EdDSA", null, null, null))
                .expectException(LedgerRejection.class);
        fixture.given(registered("private_key_jwt", ClientType.CONFIDENTIAL),
                        new ClientProfileChanged(ID, "fapi2-security", NOW))
                .when(new ChangeClientTokenSettingsCommand(ID, "PS256", "EdDSA", null, null, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    @DisplayName("FAPI 2.0 SP §5.3.2.2: PKCE cannot be switched off for a FAPI client")
    void changeWhenPkceOffThenRefusedUnderFapi() {
        fixture.given(registered("private_key_jwt", ClientType.CONFIDENTIAL),
                        new ClientProfileChanged(ID, "fapi2-message-signing", NOW))
                .when(new ChangeClientTokenSettingsCommand(ID, null, null, null, null, null, false))
                .expectException(LedgerRejection.class);
        fixture.given(registered("private_key_jwt", ClientType.CONFIDENTIAL),
                        new ClientTokenSettingsChanged(ID, null, null, null, null, null, NOW, false))
                .when(new ChangeClientProfileCommand(ID, "fapi2-security")).expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("FAPI 2.0 SP §5.4.1: a FAPI client's codes live at most 60 s whatever the server allows others")
    void codeLifetimeWhenFapiThenAtMostSixtySeconds() {
        assertThat(io.kizuna.protocol.oauth2.authorization.AuthorizationDecisionsAccess.codeLifetime(
                Duration.ofMinutes(5), ClientProfile.FAPI2_SECURITY)).isEqualTo(Duration.ofSeconds(60));
        assertThat(io.kizuna.protocol.oauth2.authorization.AuthorizationDecisionsAccess.codeLifetime(
                Duration.ofMinutes(5), ClientProfile.NONE)).isEqualTo(Duration.ofMinutes(5));
        assertThat(io.kizuna.protocol.oauth2.authorization.AuthorizationDecisionsAccess.codeLifetime(
                Duration.ofSeconds(30), ClientProfile.FAPI1_ADVANCED)).isEqualTo(Duration.ofSeconds(30));
    }
}
