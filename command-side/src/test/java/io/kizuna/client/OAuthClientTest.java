package io.kizuna.client;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ClientDeleted;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientType;
import io.kizuna.api.client.ClientUpdated;
import io.kizuna.api.client.DeleteClientCommand;
import io.kizuna.api.client.IssueRegistrationAccessTokenCommand;
import io.kizuna.api.client.RegisterClientCommand;
import io.kizuna.api.client.RegistrationAccessTokenIssued;
import io.kizuna.api.client.UpdateClientCommand;
import io.kizuna.api.client.RotateClientSecretCommand;
import io.kizuna.api.client.ClientSecretRotated;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OAuthClientTest {
    static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    static final ClientId ID = new ClientId("www-demo");
    static final List<String> CODE = List.of("authorization_code", "refresh_token");

    AggregateTestFixture<OAuthClient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OAuthClient.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void registersAConfidentialWebClient() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand(ID, "www", ClientType.CONFIDENTIAL, "hash", "client_secret_basic",
                        List.of("https://www.example.jp/cb"), CODE, List.of("openid"), "https://www.example.jp", null, null))
                .expectEvents(new ClientRegistered(ID, "www", ClientType.CONFIDENTIAL, "hash", "client_secret_basic",
                        List.of("https://www.example.jp/cb"), CODE, List.of("openid"), "https://www.example.jp", NOW, "jwt", null));
    }

    @Test
    @DisplayName("RFC 6749 §3.1.2: a redirect URI with a fragment is refused")
    void refusesFragmentRedirect() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand(ID, "www", ClientType.CONFIDENTIAL, "hash", "client_secret_basic",
                        List.of("https://www.example.jp/cb#x"), CODE, List.of("openid"), null, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("RFC 9700 §2.1: wildcard redirect URIs are refused")
    void refusesWildcardRedirect() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand(ID, "www", ClientType.CONFIDENTIAL, "hash", "client_secret_basic",
                        List.of("https://*.example.jp/cb"), CODE, List.of("openid"), null, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("RFC 6749 §4.4: public clients cannot use client_credentials")
    void refusesPublicClientCredentials() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand(ID, "app", ClientType.PUBLIC, null, "none", List.of(),
                        List.of("client_credentials"), List.of("api:read"), null, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    void refusesAConfidentialClientWithoutSecret() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand(ID, "www", ClientType.CONFIDENTIAL, null, "client_secret_basic",
                        List.of("https://www.example.jp/cb"), CODE, List.of("openid"), null, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    void refusesACodeClientWithoutRedirectUris() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand(ID, "www", ClientType.CONFIDENTIAL, "hash", "client_secret_basic",
                        List.of(), CODE, List.of("openid"), null, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("RFC 9068 / RFC 6749 §1.4: a client may choose opaque access tokens")
    void registersAnOpaqueTokenClient() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand(ID, "api", ClientType.CONFIDENTIAL, "hash", "client_secret_basic",
                        List.of(), List.of("client_credentials"), List.of("api:read"), null, "opaque", null))
                .expectEvents(new ClientRegistered(ID, "api", ClientType.CONFIDENTIAL, "hash", "client_secret_basic",
                        List.of(), List.of("client_credentials"), List.of("api:read"), null, NOW, "opaque", null));
    }

    @Test
    @DisplayName("RFC 7523 §2.2: a private_key_jwt client needs no secret but a public JWK set")
    void registersAPrivateKeyJwtClient() throws Exception {
        String jwks = new com.nimbusds.jose.jwk.JWKSet(new com.nimbusds.jose.jwk.gen.ECKeyGenerator(
                com.nimbusds.jose.jwk.Curve.P_256).keyID("k1").generate().toPublicJWK()).toString();
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand(ID, "api", ClientType.CONFIDENTIAL, null, "private_key_jwt",
                        List.of(), List.of("client_credentials"), List.of("api:read"), null, null, jwks))
                .expectEvents(new ClientRegistered(ID, "api", ClientType.CONFIDENTIAL, null, "private_key_jwt",
                        List.of(), List.of("client_credentials"), List.of("api:read"), null, NOW, "jwt", jwks));
    }

    @Test
    @DisplayName("RFC 7591 §2: a jwks holding a private key is refused (it would be a leaked key)")
    void refusesPrivateKeysInJwks() throws Exception {
        String jwks = new com.nimbusds.jose.jwk.JWKSet(new com.nimbusds.jose.jwk.gen.ECKeyGenerator(
                com.nimbusds.jose.jwk.Curve.P_256).generate()).toString(false);
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand(ID, "api", ClientType.CONFIDENTIAL, null, "private_key_jwt",
                        List.of(), List.of("client_credentials"), List.of("api:read"), null, null, jwks))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    void refusesAPrivateKeyJwtClientWithoutJwks() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand(ID, "api", ClientType.CONFIDENTIAL, null, "private_key_jwt",
                        List.of(), List.of("client_credentials"), List.of("api:read"), null, null, null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    static final String JWKS_URI = "https://rp.example.jp/jwks.json";
    static final ClientRegistered KEYS_BY_REFERENCE = new ClientRegistered(ID, "api", ClientType.CONFIDENTIAL, null,
            "private_key_jwt", List.of(), List.of("client_credentials"), List.of("api:read"), null, NOW, "jwt", null);

    @Test
    @DisplayName("RFC 7591 §2: a private_key_jwt client may publish its keys at jwks_uri instead of sending jwks")
    void registersAPrivateKeyJwtClientWithJwksUri() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand(ID, "api", ClientType.CONFIDENTIAL, null, "private_key_jwt",
                        List.of(), List.of("client_credentials"), List.of("api:read"), null, null, null, JWKS_URI))
                .expectEvents(KEYS_BY_REFERENCE);
    }

    @Test
    @DisplayName("RFC 7523 §2.2: the jwks_uri of a private_key_jwt client without jwks cannot be removed")
    void refusesRemovingTheOnlyKeysOfAPrivateKeyJwtClient() {
        fixture.given(KEYS_BY_REFERENCE, new io.kizuna.api.client.ClientResponseProtectionChanged(ID, null, null, null,
                        null, null, JWKS_URI, NOW))
                .when(new io.kizuna.api.client.ChangeClientResponseProtectionCommand(ID, null, null, null, null, null,
                        null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    void refusesAnUnknownAccessTokenFormat() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand(ID, "api", ClientType.CONFIDENTIAL, "hash", "client_secret_basic",
                        List.of(), List.of("client_credentials"), List.of("api:read"), null, "paseto", null))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    static final ClientRegistered REGISTERED = new ClientRegistered(ID, "www", ClientType.CONFIDENTIAL, "hash",
            "client_secret_basic", List.of("https://www.example.jp/cb"), CODE, List.of("openid"),
            "https://www.example.jp", NOW, "jwt", null);

    static RegisterClientCommand nativeApp(String redirectUri) {
        return new RegisterClientCommand(ID, "app", ClientType.PUBLIC, null, "none", List.of(redirectUri), CODE,
                List.of("openid"), null, null, null);
    }

    @Nested
    @DisplayName("Native apps (RFC 8252 §7)")
    class NativeApps {
        @Test
        @DisplayName("RFC 8252 §7.1: a private-use URI scheme redirect is accepted")
        void requestWhenPrivateUseSchemeThenRegistered() {
            fixture.givenNoPriorActivity().when(nativeApp("com.example.app:/oauth2redirect")).expectSuccessfulHandlerExecution();
        }

        @Test
        @DisplayName("RFC 8252 §7.2: a claimed https redirect is accepted")
        void requestWhenClaimedHttpsThenRegistered() {
            fixture.givenNoPriorActivity().when(nativeApp("https://app.example.jp/oauth2redirect"))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        @DisplayName("RFC 8252 §7.3: an http loopback IP literal redirect is accepted")
        void requestWhenLoopbackThenRegistered() {
            fixture.givenNoPriorActivity().when(nativeApp("http://127.0.0.1/cb")).expectSuccessfulHandlerExecution();
        }

        @Test
        @DisplayName("RFC 8252 §8.3: a public client may not use http on a non-loopback host")
        void requestWhenPublicHttpNonLoopbackThenRefused() {
            fixture.givenNoPriorActivity().when(nativeApp("http://app.example.jp/cb"))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        @DisplayName("RFC 9700 §4.1: a javascript: redirect is never accepted")
        void requestWhenJavascriptSchemeThenRefused() {
            fixture.givenNoPriorActivity().when(nativeApp("javascript:alert(1)"))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }
    }

    @Nested
    @DisplayName("UpdateClientCommand (RFC 7592 §2.2)")
    class Update {
        @Test
        void requestWhenUpdateThenClientUpdated() {
            fixture.given(REGISTERED)
                    .when(new UpdateClientCommand(ID, "www 2", null, List.of("https://www.example.jp/cb2"), CODE,
                            List.of("openid", "email"), null, null, null))
                    .expectEvents(new ClientUpdated(ID, "www 2", List.of("https://www.example.jp/cb2"), CODE,
                            List.of("openid", "email"), null, "jwt", null, NOW));
        }

        @Test
        @DisplayName("RFC 7592 §2.2: the authentication method cannot change with an update")
        void requestWhenAuthMethodChangedThenRefused() {
            fixture.given(REGISTERED)
                    .when(new UpdateClientCommand(ID, "www", "none", List.of("https://www.example.jp/cb"), CODE,
                            List.of("openid"), null, null, null))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        void requestWhenDeletedThenRefused() {
            fixture.given(REGISTERED, new ClientDeleted(ID, NOW))
                    .when(new UpdateClientCommand(ID, "www", null, List.of("https://www.example.jp/cb"), CODE,
                            List.of("openid"), null, null, null))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }
    }

    @Nested
    @DisplayName("DeleteClientCommand (RFC 7592 §2.3)")
    class Delete {
        @Test
        void requestWhenDeleteThenClientDeleted() {
            fixture.given(REGISTERED).when(new DeleteClientCommand(ID)).expectEvents(new ClientDeleted(ID, NOW));
        }

        @Test
        void requestWhenDeletedTwiceThenRefused() {
            fixture.given(REGISTERED, new ClientDeleted(ID, NOW)).when(new DeleteClientCommand(ID))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        void requestWhenRegistrationTokenIssuedAfterDeletionThenRefused() {
            fixture.given(REGISTERED, new ClientDeleted(ID, NOW))
                    .when(new IssueRegistrationAccessTokenCommand(ID, "hash"))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        void requestWhenRegistrationTokenIssuedThenRecordedAsHash() {
            fixture.given(REGISTERED).when(new IssueRegistrationAccessTokenCommand(ID, "hash"))
                    .expectEvents(new RegistrationAccessTokenIssued(ID, "hash", NOW));
        }
    }

    @Nested
    @DisplayName("Secret rotation (RFC 6749 §2.3.1, admin console)")
    class RotateSecret {
        @Test
        void requestWhenConfidentialClientThenNewHashRecordedWithTheAdministrator() {
            fixture.given(REGISTERED).when(new RotateClientSecretCommand(ID, "new-hash", "admin-1"))
                    .expectEvents(new ClientSecretRotated(ID, "new-hash", "admin-1", NOW));
        }

        @Test
        void requestWhenPublicClientThenRefused() {
            fixture.given(new ClientRegistered(ID, "app", ClientType.PUBLIC, null, "none",
                            List.of("com.example.app:/cb"), CODE, List.of("openid"), null, NOW, "jwt", null))
                    .when(new RotateClientSecretCommand(ID, "new-hash", "admin-1"))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        void requestWhenDeletedThenRefused() {
            fixture.given(REGISTERED, new ClientDeleted(ID, NOW))
                    .when(new RotateClientSecretCommand(ID, "new-hash", "admin-1"))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        void requestWhenHashMissingThenRefused() {
            fixture.given(REGISTERED).when(new RotateClientSecretCommand(ID, " ", "admin-1"))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }
    }
}
