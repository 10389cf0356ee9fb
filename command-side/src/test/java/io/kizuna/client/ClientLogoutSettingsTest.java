package io.kizuna.client;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ChangeClientLogoutSettingsCommand;
import io.kizuna.api.client.ClientDeleted;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientLogoutSettingsChanged;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientType;
import io.kizuna.config.KizunaProperties;
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
        fixture.registerInjectableResource(new KizunaProperties("https://id.example.jp", null, null, true, null));
    }

    @Test
    @DisplayName("post_logout_redirect_uris, backchannel_logout_uri and _session_required are recorded")
    void recordsSettings() {
        fixture.given(CONFIDENTIAL)
                .when(new ChangeClientLogoutSettingsCommand(ID, List.of("https://rp.example.jp/bye"),
                        "https://rp.example.jp/backchannel", true))
                .expectEvents(new ClientLogoutSettingsChanged(ID, List.of("https://rp.example.jp/bye"),
                        "https://rp.example.jp/backchannel", true, NOW, null, false));
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
    @DisplayName("Front-Channel Logout §2: frontchannel_logout_uri and _session_required are recorded, a query kept")
    void frontChannelRecorded() {
        fixture.given(PUBLIC)
                .when(new ChangeClientLogoutSettingsCommand(ID, List.of(), null, false,
                        "https://rp.example.jp/fc?tenant=1", true))
                .expectEvents(new ClientLogoutSettingsChanged(ID, List.of(), null, false, NOW,
                        "https://rp.example.jp/fc?tenant=1", true));
    }

    @Test
    @DisplayName("Front-Channel Logout §2: relative, fragment, non-https, too long or http on an https issuer are "
            + "invalid_client_metadata")
    void frontChannelUriRules() {
        for (String uri : List.of("/fc", "https://rp.example.jp/fc#x", "ftp://rp.example.jp/fc",
                "http://rp.example.jp/fc", "http://127.0.0.1:9000/fc", "javascript:alert(1)",
                "https://rp.example.jp/" + "a".repeat(2000))) {
            fixture.given(CONFIDENTIAL).when(new ChangeClientLogoutSettingsCommand(ID, List.of(), null, false, uri,
                    false)).expectNoEvents().expectException(LedgerRejection.class);
        }
    }

    @Test
    @DisplayName("Front-Channel Logout §2: http on a loopback host while the issuer itself is http (embedded, tests)")
    void frontChannelLoopbackHttpOnAnHttpIssuer() {
        AggregateTestFixture<OAuthClient> http = new AggregateTestFixture<>(OAuthClient.class);
        http.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        http.registerInjectableResource(new KizunaProperties("http://localhost:8080", null, null, false, null));
        http.given(PUBLIC).when(new ChangeClientLogoutSettingsCommand(ID, List.of(), null, false,
                "http://127.0.0.1:9000/fc", false)).expectSuccessfulHandlerExecution();
        http.given(PUBLIC).when(new ChangeClientLogoutSettingsCommand(ID, List.of(), null, false,
                "http://rp.example.jp/fc", false)).expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("a deleted client's settings cannot change")
    void refusesDeletedClient() {
        fixture.given(CONFIDENTIAL, new ClientDeleted(ID, NOW))
                .when(new ChangeClientLogoutSettingsCommand(ID, List.of(), null, false))
                .expectNoEvents().expectException(LedgerRejection.class);
    }
}
