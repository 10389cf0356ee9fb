package io.kizuna.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ChangeClientMtlsSettingsCommand;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientMtlsSettingsChanged;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientType;
import io.kizuna.api.client.RegisterClientCommand;
import io.kizuna.api.client.RotateClientSecretCommand;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Mutual-TLS client settings on the client aggregate (RFC 8705 §2.1.2, §3.4). */
class ClientMtlsSettingsTest {
    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final ClientId ID = new ClientId("bank-api");
    static final ClientRegistered TLS_CLIENT = new ClientRegistered(ID, "bank", ClientType.CONFIDENTIAL, null,
            "tls_client_auth", List.of(), List.of("client_credentials"), List.of("api:read"), null, NOW, "jwt", null);

    AggregateTestFixture<OAuthClient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OAuthClient.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static X509Certificate certificate(String name) throws Exception {
        byte[] pem = Files.readAllBytes(Path.of(ClientMtlsSettingsTest.class.getResource("/mtls/" + name + ".pem").toURI()));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }

    @Test
    @DisplayName("RFC 8705 §2.1: a tls_client_auth client registers without a secret")
    void registerWhenTlsClientAuthThenNoSecretNeeded() {
        fixture.givenNoPriorActivity()
                .when(new RegisterClientCommand(ID, "bank", ClientType.CONFIDENTIAL, null, "tls_client_auth", List.of(),
                        List.of("client_credentials"), List.of("api:read"), null, null, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    @DisplayName("RFC 8705 §2.1.2: one identifier and certificate-bound tokens are recorded")
    void changeWhenOneIdentifierThenRecorded() {
        fixture.given(TLS_CLIENT)
                .when(new ChangeClientMtlsSettingsCommand(ID, null, "api.bank.example", null, null, null, true))
                .expectEvents(new ClientMtlsSettingsChanged(ID, null, "api.bank.example", null, null, null, true, NOW));
    }

    @Test
    @DisplayName("RFC 8705 §2.1.2: zero or two identifiers are refused; a tls client has no secret to rotate")
    void changeWhenNotExactlyOneIdentifierThenRefused() {
        fixture.given(TLS_CLIENT).when(new ChangeClientMtlsSettingsCommand(ID, null, null, null, null, null, false))
                .expectException(LedgerRejection.class);
        fixture.given(TLS_CLIENT)
                .when(new ChangeClientMtlsSettingsCommand(ID, "CN=a", "a.example", null, null, null, false))
                .expectException(LedgerRejection.class);
        fixture.given(TLS_CLIENT).when(new RotateClientSecretCommand(ID, "new-hash", "admin"))
                .expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("RFC 8705 §2.1.2: subject DNs compare as names, SANs by type; another certificate does not match")
    void matchesWhenIdentifierInCertificateThenTrue() throws Exception {
        X509Certificate a = certificate("client-a");
        X509Certificate b = certificate("client-b");
        MtlsSettings dn = new MtlsSettings("cn=client-a.example.jp,  o=Kizuna Test,C=JP", null, null, null, null, false);
        assertThat(dn.matches(a)).isTrue();
        assertThat(dn.matches(b)).isFalse();
        assertThat(new MtlsSettings(null, null, null, "192.0.2.10", null, false).matches(a)).isTrue();
        assertThat(new MtlsSettings(null, null, null, "192.0.2.10", null, false).matches(b)).isFalse();
        assertThat(new MtlsSettings(null, null, null, null, "ops@client-a.example.jp", false).matches(a)).isTrue();
        assertThat(new MtlsSettings(null, "client-a.example.jp", null, null, null, false).matches(b)).isFalse();
        assertThat(new MtlsSettings(null, null, "https://client-a.example.jp/app", null, null, false).matches(a)).isTrue();
        assertThat(new MtlsSettings(null, null, "https://client-a.example.jp/app/", null, null, false).matches(a))
                .as("URIs compare exactly").isFalse();
    }
}
