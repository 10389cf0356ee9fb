package io.kizuna.client;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ChangeClientPresentationCommand;
import io.kizuna.api.client.ClientDeleted;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientPresentationChanged;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientType;
import io.kizuna.config.KizunaProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** OIDC DCR §2 / RFC 7591 §2 {@code logo_uri}, {@code policy_uri}, {@code tos_uri} on the client aggregate. */
class ClientPresentationTest {
    static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    static final ClientId ID = new ClientId("web");
    static final ClientRegistered CLIENT = new ClientRegistered(ID, "web", ClientType.CONFIDENTIAL, "hash",
            "client_secret_basic", List.of("https://rp.example.jp/cb"), List.of("authorization_code"),
            List.of("openid"), null, NOW, "jwt", null);

    static AggregateTestFixture<OAuthClient> fixture(String issuer) {
        AggregateTestFixture<OAuthClient> fixture = new AggregateTestFixture<>(OAuthClient.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new KizunaProperties(issuer, null, null, false, null));
        return fixture;
    }

    @Test
    @DisplayName("OIDC DCR §2: the three URLs are recorded as client.presentation.changed; blanks mean none")
    void recordsPresentation() {
        fixture("https://id.example.jp").given(CLIENT)
                .when(new ChangeClientPresentationCommand(ID, "https://cdn.rp.example.jp/logo.png", " ",
                        "https://rp.example.jp/terms"))
                .expectEvents(new ClientPresentationChanged(ID, "https://cdn.rp.example.jp/logo.png", null,
                        "https://rp.example.jp/terms", NOW));
    }

    @Test
    @DisplayName("RFC 7591 §3.2.2: script, data, relative, user-info, spaced, over-long and plain-http URLs are "
            + "invalid_client_metadata; loopback http only on an http server")
    void refusesUnsafeUrls() {
        for (String uri : List.of("javascript:alert(1)", "data:image/png;base64,AAAA", "/logo.png",
                "https://user@rp.example.jp/logo.png", "https://rp.example.jp/a b.png", "http://rp.example.jp/l.png",
                "https://rp.example.jp/" + "a".repeat(2000), "http://127.0.0.1:8080/logo.png", "HTTPS:///x")) {
            fixture("https://id.example.jp").given(CLIENT)
                    .when(new ChangeClientPresentationCommand(ID, uri, null, null))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }
        fixture("http://localhost:8080").given(CLIENT)
                .when(new ChangeClientPresentationCommand(ID, "http://127.0.0.1:8080/logo.png", null,
                        "http://localhost:8080/terms"))
                .expectEvents(new ClientPresentationChanged(ID, "http://127.0.0.1:8080/logo.png", null,
                        "http://localhost:8080/terms", NOW));
        fixture("http://localhost:8080").given(CLIENT)
                .when(new ChangeClientPresentationCommand(ID, "http://rp.example.jp/logo.png", null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("a deleted client's presentation cannot change")
    void deletedClientRefused() {
        fixture("https://id.example.jp").given(CLIENT, new ClientDeleted(ID, NOW))
                .when(new ChangeClientPresentationCommand(ID, "https://cdn.rp.example.jp/logo.png", null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("client_uri is held to the same rule at registration (OIDC DCR §2)")
    void clientUriRule() {
        assertThatCode(() -> ClientPresentation.checkUri("client_uri", "https://rp.example.jp/", false))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> ClientPresentation.checkUri("client_uri", "javascript:alert(1)", true))
                .isInstanceOf(LedgerRejection.class).hasMessageContaining("client_uri");
    }
}
