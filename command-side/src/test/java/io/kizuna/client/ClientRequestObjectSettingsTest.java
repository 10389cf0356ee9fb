package io.kizuna.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ChangeClientRequestObjectSettingsCommand;
import io.kizuna.api.client.ClientDeleted;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientRequestObjectSettingsChanged;
import io.kizuna.api.client.ClientType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Request-object metadata (OIDC DCR §2): request_uris (OIDC Core §6.2), request_object_encryption_alg/enc (§6.1). */
class ClientRequestObjectSettingsTest {
    static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");
    static final ClientId ID = new ClientId("web");
    static final ClientRegistered CLIENT = new ClientRegistered(ID, "web", ClientType.CONFIDENTIAL, "hash",
            "client_secret_basic", List.of("https://rp.example.jp/cb"), List.of("authorization_code"),
            List.of("openid"), null, NOW, "jwt", null);

    AggregateTestFixture<OAuthClient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OAuthClient.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    @DisplayName("OIDC DCR §2: request_uris (a fragment may carry a content hash) and the encryption pair are recorded")
    void recordsSettings() {
        fixture.given(CLIENT)
                .when(new ChangeClientRequestObjectSettingsCommand(ID, List.of("https://rp.example.jp/ro#abc"),
                        "ECDH-ES", "A256GCM"))
                .expectEvents(new ClientRequestObjectSettingsChanged(ID, List.of("https://rp.example.jp/ro#abc"),
                        "ECDH-ES", "A256GCM", NOW));
    }

    @Test
    @DisplayName("OIDC Core §6.2: relative, credential-carrying, wildcard, over-long and non-http URIs are invalid_client_metadata")
    void refusesBadUris() {
        for (String uri : List.of("/ro", "https://user@rp.example.jp/ro", "https://*.example.jp/ro",
                "https://rp.example.jp/" + "a".repeat(600), "file:///etc/passwd", "javascript:alert(1)")) {
            fixture.given(CLIENT).when(new ChangeClientRequestObjectSettingsCommand(ID, List.of(uri), null, null))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }
    }

    @Test
    @DisplayName("OIDC DCR §2: enc without alg, and algorithms outside the supported lists, are invalid_client_metadata")
    void refusesBadAlgorithms() {
        fixture.given(CLIENT).when(new ChangeClientRequestObjectSettingsCommand(ID, List.of(), null, "A128GCM"))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(CLIENT).when(new ChangeClientRequestObjectSettingsCommand(ID, List.of(), "RSA1_5", null))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(CLIENT).when(new ChangeClientRequestObjectSettingsCommand(ID, List.of(), "RSA-OAEP-256", "A192GCM"))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("a deleted client's settings cannot change")
    void refusesDeletedClient() {
        fixture.given(CLIENT, new ClientDeleted(ID, NOW))
                .when(new ChangeClientRequestObjectSettingsCommand(ID, List.of(), null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("OIDC Core §6.2: a request_uri matches a registered one exactly, fragments ignored on both sides — no prefix match")
    void matching() {
        RequestObjectSettings settings = new RequestObjectSettings(List.of("https://rp.example.jp/ro/1#hash"), null, null);
        assertThat(settings.registers("https://rp.example.jp/ro/1")).isTrue();
        assertThat(settings.registers("https://rp.example.jp/ro/1#other")).isTrue();
        assertThat(settings.registers("https://rp.example.jp/ro/12")).isFalse();
        assertThat(settings.registers("https://rp.example.jp/ro/1/x")).isFalse();
        assertThat(settings.registers("https://rp.example.jp/ro/1?x=1")).isFalse();
        assertThat(new RequestObjectSettings(List.of(), "ECDH-ES", null).encOrDefault()).isEqualTo("A128CBC-HS256");
    }
}
