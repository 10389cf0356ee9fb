package io.kizuna.client;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ChangeClientLogoutSettingsCommand;
import io.kizuna.api.client.ClientDeleted;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientLogoutSettingsChanged;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Logout metadata: RP-Initiated Logout 1.0 §3.1 and Back-Channel Logout 1.0 §2.2. */
class ClientLogoutSettingsTest {
    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final ClientId ID = new ClientId("web");
    static final ClientRegistered CONFIDENTIAL = new ClientRegistered(ID, "web", ClientType.CONFIDENTIAL, "hash",
            "client_secret_basic", List.of("https://rp.example.jp/cb"), List.of("authorization_code"),
            List.of("openid"), null, NOW, "jwt", null);
    static final ClientRegistered PUBLIC = new ClientRegistered(ID, "spa", ClientType.PUBLIC, null, "none",
            List.of("https://rp.example.jp/cb"), List.of("authorization_code"), List.of("openid"), null, NOW, "jwt",
            null);

    AggregateTestFixture<OAuthClient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OAuthClient.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("post_logout_redirect_uris, backchannel_logout_uri and _session_required are recorded")
    void recordsSettings() {
        fixture.given(CONFIDENTIAL)
                .when(new ChangeClientLogoutSettingsCommand(ID, List.of("https://rp.example.jp/bye"),
                        "https://rp.example.jp/backchannel", true))
                .expectEvents(new ClientLogoutSettingsChanged(ID, List.of("https://rp.example.jp/bye"),
                        "https://rp.example.jp/backchannel", true, NOW));
    }

    @Test
    @DisplayName("RP-Initiated Logout §3.1: relative, fragment, wildcard and script URIs are invalid_client_metadata")
    void refusesUnsafePostLogoutUris() {
        for (String uri : List.of("/bye", "https://rp.example.jp/bye#x", "https://*.example.jp/bye",
                "javascript:alert(1)")) {
            fixture.given(CONFIDENTIAL).when(new ChangeClientLogoutSettingsCommand(ID, List.of(uri), null, false))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }
    }

    @Test
    @DisplayName("Back-Channel Logout §2.2: http only for a confidential client; never a fragment")
    void backChannelUriRules() {
        fixture.given(PUBLIC).when(new ChangeClientLogoutSettingsCommand(ID, List.of(), "http://rp.example.jp/bc",
                false)).expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(CONFIDENTIAL).when(new ChangeClientLogoutSettingsCommand(ID, List.of(),
                "https://rp.example.jp/bc#f", false)).expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(CONFIDENTIAL).when(new ChangeClientLogoutSettingsCommand(ID, List.of(),
                "http://rp.example.jp/bc", false)).expectSuccessfulHandlerExecution();
    }

    @Test
    @DisplayName("a deleted client's settings cannot change")
    void refusesDeletedClient() {
        fixture.given(CONFIDENTIAL, new ClientDeleted(ID, NOW))
                .when(new ChangeClientLogoutSettingsCommand(ID, List.of(), null, false))
                .expectNoEvents().expectException(LedgerRejection.class);
    }
}
