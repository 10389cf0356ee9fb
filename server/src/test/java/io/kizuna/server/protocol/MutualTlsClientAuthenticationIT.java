package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Mutual-TLS client authentication (RFC 8705 §2) behind a TLS-terminating proxy: the test plays the proxy
 * on loopback (a trusted address in the test configuration) and forwards the client certificate in
 * {@code X-SSL-Client-Cert} as nginx's {@code $ssl_client_escaped_cert} does.
 */
@KizunaIntegrationTest
class MutualTlsClientAuthenticationIT {
    @Value("${kizuna.issuer}")
    String issuer;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
    }

    static String pem(String name) throws Exception {
        return Files.readString(Path.of(MutualTlsClientAuthenticationIT.class.getResource("/mtls/" + name + ".pem").toURI()));
    }

    static X509Certificate certificate(String name) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem(name).getBytes(StandardCharsets.US_ASCII)));
    }

    Api.Response register(Map<String, Object> extra) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "MTLS client " + UUID.randomUUID(),
                "grant_types", List.of("client_credentials"), "scope", "api:read"));
        metadata.putAll(extra);
        return api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
    }

    Api.Response token(String clientId, String certificate) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + URLEncoder.encode(clientId, StandardCharsets.UTF_8)));
        if (certificate != null) {
            request.header("X-SSL-Client-Cert", URLEncoder.encode(certificate, StandardCharsets.UTF_8));
        }
        return api.send(request.build());
    }

    @Nested
    @DisplayName("RFC 8705 §2.1: tls_client_auth (PKI)")
    class PkiMethod {
        @Test
        @DisplayName("RFC 8705 §2.1.2: the registered subject DN authenticates the client; spacing and attribute case"
                + " do not matter")
        void requestWhenSubjectDnMatchesThenTokenIssued() throws Exception {
            Api.Response registered = register(Map.of("token_endpoint_auth_method", "tls_client_auth",
                    "tls_client_auth_subject_dn", "cn=client-a.example.jp, O=Kizuna Test, C=JP"));
            assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
            assertThat(registered.json().has("client_secret")).as("the certificate is the credential").isFalse();
            assertThat(registered.json().get("tls_client_auth_subject_dn").asText())
                    .isEqualTo("cn=client-a.example.jp, O=Kizuna Test, C=JP");
            String clientId = registered.json().get("client_id").asText();
            Api.Response token = token(clientId, pem("client-a"));
            assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
            assertThat(token.json().get("access_token").asText()).isNotBlank();
            assertOAuthError(token(clientId, pem("client-b")), 401, "invalid_client");
        }

        @Test
        @DisplayName("RFC 8705 §2.1.2: a SAN (DNS, URI, IP, e-mail) authenticates the client when the certificate has it")
        void requestWhenSubjectAlternativeNameMatchesThenTokenIssued() throws Exception {
            Map<String, String> sans = Map.of("tls_client_auth_san_dns", "CLIENT-A.example.jp",
                    "tls_client_auth_san_uri", "https://client-a.example.jp/app",
                    "tls_client_auth_san_ip", "192.0.2.10", "tls_client_auth_san_email", "ops@client-a.example.jp");
            for (Map.Entry<String, String> san : sans.entrySet()) {
                Api.Response registered = register(Map.of("token_endpoint_auth_method", "tls_client_auth",
                        san.getKey(), san.getValue()));
                assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
                String clientId = registered.json().get("client_id").asText();
                assertThat(token(clientId, pem("client-a")).status()).as(san.getKey()).isEqualTo(200);
                assertOAuthError(token(clientId, pem("client-b")), 401, "invalid_client");
            }
        }

        @Test
        @DisplayName("RFC 8705 §2: without a certificate, or with a broken one, the client is not authenticated")
        void requestWhenNoOrBrokenCertificateThenInvalidClient() throws Exception {
            String clientId = register(Map.of("token_endpoint_auth_method", "tls_client_auth",
                    "tls_client_auth_san_dns", "client-a.example.jp")).json().get("client_id").asText();
            assertOAuthError(token(clientId, null), 401, "invalid_client");
            assertOAuthError(token(clientId, "-----BEGIN CERTIFICATE-----garbage-----END CERTIFICATE-----"), 401,
                    "invalid_client");
        }

        @Test
        @DisplayName("RFC 8705 §2.1.2, RFC 7591 §3.2.2: none or two identifiers, a malformed DN or IP, or an identifier"
                + " for another method are invalid_client_metadata")
        void registerWhenIdentifiersWrongThenInvalidClientMetadata() throws Exception {
            assertOAuthError(register(Map.of("token_endpoint_auth_method", "tls_client_auth")), 400,
                    "invalid_client_metadata");
            assertOAuthError(register(Map.of("token_endpoint_auth_method", "tls_client_auth",
                    "tls_client_auth_san_dns", "a.example", "tls_client_auth_san_uri", "https://a.example")), 400,
                    "invalid_client_metadata");
            assertOAuthError(register(Map.of("token_endpoint_auth_method", "tls_client_auth",
                    "tls_client_auth_subject_dn", "not a DN ====")), 400, "invalid_client_metadata");
            assertOAuthError(register(Map.of("token_endpoint_auth_method", "tls_client_auth",
                    "tls_client_auth_san_ip", "example.jp")), 400, "invalid_client_metadata");
            assertOAuthError(register(Map.of("token_endpoint_auth_method", "client_secret_basic",
                    "tls_client_auth_san_dns", "a.example")), 400, "invalid_client_metadata");
        }

        @Test
        @DisplayName("RFC 8705 §2, OIDC DCR: dynamic registration takes the same metadata and shows it back")
        void registerDynamicallyWhenTlsClientAuthThenMetadataEchoed() throws Exception {
            Api.Response registered = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                    "client_name", "DCR MTLS " + UUID.randomUUID(), "grant_types", List.of("client_credentials"),
                    "scope", "api:read", "token_endpoint_auth_method", "tls_client_auth",
                    "tls_client_auth_san_uri", "https://client-a.example.jp/app"));
            assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
            assertThat(registered.json().get("tls_client_auth_san_uri").asText())
                    .isEqualTo("https://client-a.example.jp/app");
            assertThat(token(registered.json().get("client_id").asText(), pem("client-a")).status()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("RFC 8705 §2.2: self_signed_tls_client_auth")
    class SelfSignedMethod {
        @Test
        @DisplayName("RFC 8705 §2.2.2: a certificate whose key is one of the registered jwks authenticates the client;"
                + " another self-signed certificate does not")
        void requestWhenCertificateKeyRegisteredThenTokenIssued() throws Exception {
            JWK key = new com.nimbusds.jose.jwk.ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256,
                    (java.security.interfaces.ECPublicKey) certificate("client-a").getPublicKey()).build();
            Api.Response registered = register(Map.of("token_endpoint_auth_method", "self_signed_tls_client_auth",
                    "jwks", new JWKSet(key).toJSONObject(true)));
            assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
            String clientId = registered.json().get("client_id").asText();
            assertThat(token(clientId, pem("client-a")).status()).isEqualTo(200);
            assertOAuthError(token(clientId, pem("client-b")), 401, "invalid_client");
        }

        @Test
        @DisplayName("RFC 8705 §2.2.2: self_signed_tls_client_auth without jwks is invalid_client_metadata")
        void registerWhenNoJwksThenInvalidClientMetadata() throws Exception {
            assertOAuthError(register(Map.of("token_endpoint_auth_method", "self_signed_tls_client_auth")), 400,
                    "invalid_client_metadata");
        }
    }

    @Test
    @DisplayName("RFC 8705 §2: the metadata lists both mutual-TLS methods")
    void metadataWhenReadThenMtlsMethodsListed() throws Exception {
        Api.Response metadata = api.get("/.well-known/oauth-authorization-server", null);
        assertThat(metadata.json().get("token_endpoint_auth_methods_supported").toString())
                .contains("\"tls_client_auth\"", "\"self_signed_tls_client_auth\"");
    }
}
