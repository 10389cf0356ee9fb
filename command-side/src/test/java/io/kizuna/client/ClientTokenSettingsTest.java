package io.kizuna.client;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ChangeClientTokenSettingsCommand;
import io.kizuna.api.client.ClientDeleted;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientTokenSettingsChanged;
import io.kizuna.api.client.ClientType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Per-client token settings: signing algorithms (RFC 9068 §2.1, OIDC DCR §2) and bounded lifetimes. */
class ClientTokenSettingsTest {
    static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    static final ClientId ID = new ClientId("api");
    static final ClientRegistered REGISTERED = new ClientRegistered(ID, "api", ClientType.CONFIDENTIAL, "hash",
            "client_secret_basic", List.of(), List.of("client_credentials"), List.of("api:read"), null, NOW, "jwt", null);

    AggregateTestFixture<OAuthClient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OAuthClient.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("OIDC DCR §2 id_token_signed_response_alg and the access-token algorithm and lifetimes are recorded")
    void recordsSettings() {
        fixture.given(REGISTERED)
                .when(new ChangeClientTokenSettingsCommand(ID, "EdDSA", "PS256", 300L, 3600L, 600L))
                .expectEvents(new ClientTokenSettingsChanged(ID, "EdDSA", "PS256", 300L, 3600L, 600L, NOW));
    }

    @Test
    @DisplayName("nulls are the server defaults")
    void recordsDefaults() {
        fixture.given(REGISTERED)
                .when(new ChangeClientTokenSettingsCommand(ID, null, null, null, null, null))
                .expectEvents(new ClientTokenSettingsChanged(ID, null, null, null, null, null, NOW));
    }

    @Test
    @DisplayName("RFC 7591 §3.2.2: an unsupported algorithm (none, HS256) is invalid_client_metadata")
    void refusesUnsupportedAlgorithms() {
        fixture.given(REGISTERED).when(new ChangeClientTokenSettingsCommand(ID, "none", null, null, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(REGISTERED).when(new ChangeClientTokenSettingsCommand(ID, null, "HS256", null, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("lifetimes outside their bounds are refused: JWTs 60 s to 1 day, refresh tokens 5 min to 365 days")
    void refusesLifetimesOutOfBounds() {
        fixture.given(REGISTERED).when(new ChangeClientTokenSettingsCommand(ID, null, null, 59L, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(REGISTERED).when(new ChangeClientTokenSettingsCommand(ID, null, null, 86_401L, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(REGISTERED).when(new ChangeClientTokenSettingsCommand(ID, null, null, null, 299L, null))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(REGISTERED).when(new ChangeClientTokenSettingsCommand(ID, null, null, null, 31_536_001L, null))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(REGISTERED).when(new ChangeClientTokenSettingsCommand(ID, null, null, null, null, 0L))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("RFC 9700 §2.1.1: a confidential client may opt out of PKCE; the setting is recorded")
    void requestWhenConfidentialClientOptsOutOfPkceThenRecorded() {
        fixture.given(REGISTERED)
                .when(new ChangeClientTokenSettingsCommand(ID, null, null, null, null, null, false))
                .expectEvents(new ClientTokenSettingsChanged(ID, null, null, null, null, null, NOW, false));
    }

    @Test
    @DisplayName("RFC 9700 §2.1.1: a public client always uses PKCE, require_pkce false is refused")
    void requestWhenPublicClientOptsOutOfPkceThenRefused() {
        ClientRegistered spa = new ClientRegistered(ID, "spa", ClientType.PUBLIC, null, "none",
                List.of("https://spa.example.jp/cb"), List.of("authorization_code"), List.of("openid"), null, NOW,
                "jwt", null);
        fixture.given(spa).when(new ChangeClientTokenSettingsCommand(ID, null, null, null, null, null, false))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(spa).when(new ChangeClientTokenSettingsCommand(ID, null, null, null, null, null, true))
                .expectEvents(new ClientTokenSettingsChanged(ID, null, null, null, null, null, NOW, true));
    }

    @Test
    void refusesADeletedClient() {
        fixture.given(REGISTERED, new ClientDeleted(ID, NOW))
                .when(new ChangeClientTokenSettingsCommand(ID, "ES256", null, null, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }
}
