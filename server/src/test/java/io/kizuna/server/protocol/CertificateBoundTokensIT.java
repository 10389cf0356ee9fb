package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.TlsTestKeys;
import io.kizuna.server.tls.HttpsConnector;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Certificate-bound access tokens (RFC 8705 §3, §4) end to end, over Kizuna's own HTTPS connector
 * ({@code kizuna.tls.*}, a real TLS handshake with self-signed client certificates made by {@code keytool})
 * and behind a TLS-terminating proxy (the test plays nginx on loopback and forwards the certificate in
 * {@code X-SSL-Client-Cert}); and the connector's TLS rules (FAPI 1.0 Advanced §8.5) with hand-made
 * ClientHello messages, so the server's refusal — not the test JDK's — is what is seen.
 */
@KizunaIntegrationTest
class CertificateBoundTokensIT {
    static final String REDIRECT = "https://mtls-bound.example.jp/cb";
    static final String PASSWORD = "a long enough password";
    static final String CN_A = "tls-client-a.kizuna.test";
    static final String CN_B = "tls-client-b.kizuna.test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path clientA;
    private static Path clientB;

    @Value("${kizuna.issuer}")
    String issuer;
    @Value("${kizuna.tls.port}")
    int tlsPort;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
        synchronized (CertificateBoundTokensIT.class) {
            if (clientA == null) {
                clientA = TlsTestKeys.clientKeystore(CN_A);
                clientB = TlsTestKeys.clientKeystore(CN_B);
            }
        }
    }

    /** RFC 8705 §3.1: base64url of the SHA-256 of the DER, computed here independently of the server. */
    static String x5t(X509Certificate certificate) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    String tls() {
        return "https://localhost:" + tlsPort;
    }

    /** An HTTPS client that trusts the test server and presents {@code keystore}'s certificate (null: none). */
    static HttpClient https(Path keystore) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).sslContext(TlsTestKeys.clientContext(keystore)).build();
    }

    static Api.Response send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Api.Response(r, r.body().isEmpty()
                || !r.headers().firstValue("Content-Type").orElse("").contains("json") ? null : JSON.readTree(r.body()));
    }

    /** A token request over Kizuna's TLS with {@code keystore}'s client certificate; {@code client[1]} null: public. */
    Api.Response tokenOverTls(Path keystore, String[] client, Map<String, String> form, String proxyHeader)
            throws Exception {
        Map<String, String> body = new HashMap<>(form);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tls() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (client[1] == null) {
            body.put("client_id", client[0]);
        } else {
            request.header("Authorization", Api.basic(client[0], client[1]));
        }
        if (proxyHeader != null) {
            request.header("X-SSL-Client-Cert", URLEncoder.encode(proxyHeader, StandardCharsets.UTF_8));
        }
        return send(https(keystore), request.POST(HttpRequest.BodyPublishers.ofString(Browser.encode(body))).build());
    }

    /** The same over plain HTTP from loopback (a trusted proxy), the certificate as nginx forwards it. */
    Api.Response tokenViaProxy(String certificatePem, String[] client, Map<String, String> form) throws Exception {
        Map<String, String> body = new HashMap<>(form);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (client[1] == null) {
            body.put("client_id", client[0]);
        } else {
            request.header("Authorization", Api.basic(client[0], client[1]));
        }
        if (certificatePem != null) {
            request.header("X-SSL-Client-Cert", URLEncoder.encode(certificatePem, StandardCharsets.UTF_8));
        }
        return api.send(request.POST(HttpRequest.BodyPublishers.ofString(Browser.encode(body))).build());
    }

    Api.Response userinfoOverTls(Path keystore, String accessToken) throws Exception {
        return send(https(keystore), HttpRequest.newBuilder(URI.create(tls() + "/userinfo"))
                .header("Authorization", "Bearer " + accessToken).GET().build());
    }

    String[] register(Map<String, Object> metadata) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("client_name", "MTLS-bound client " + UUID.randomUUID()));
        body.putAll(metadata);
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new String[] {r.json().get("client_id").asText(),
                r.json().has("client_secret") ? r.json().get("client_secret").asText() : null};
    }

    String[] webClient(boolean publicClient, String format, boolean bound) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code", "refresh_token"),
                "scope", "openid email offline_access", "access_token_format", format,
                "tls_client_certificate_bound_access_tokens", bound));
        if (publicClient) {
            metadata.put("token_endpoint_auth_method", "none");
        }
        return register(metadata);
    }

    String[] apiClient(boolean bound) throws Exception {
        return register(Map.of("grant_types", List.of("client_credentials"), "scope", "api:read",
                "tls_client_certificate_bound_access_tokens", bound));
    }

    Map<String, String> code(String[] client) throws Exception {
        String email = "mtls-bound-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "MTLS Tester");
        CodeFlow.Result flow = CodeFlow.run(issuer, client[0], REDIRECT, email, PASSWORD, "openid email offline_access");
        return Map.of("grant_type", "authorization_code", "code", flow.code(), "redirect_uri", REDIRECT,
                "code_verifier", flow.verifier());
    }

    static Object cnf(String jwt) throws Exception {
        Map<String, Object> cnf = SignedJWT.parse(jwt).getJWTClaimsSet().getJSONObjectClaim("cnf");
        return cnf == null ? null : cnf.get("x5t#S256");
    }

    static String pem(String name) throws Exception {
        return MutualTlsClientAuthenticationIT.pem(name);
    }

    @Nested
    @DisplayName("RFC 8705 §3 over Kizuna's own TLS connector (kizuna.tls.*)")
    class OwnTls {
        @Test
        @DisplayName("RFC 8705 §3.1, §2.1: a tls_client_auth client with a self-signed certificate from the TLS"
                + " handshake gets a JWT access token with cnf.x5t#S256 of that certificate")
        void rfc8705_3_1_jwtAccessTokenCarriesCertificateThumbprint() throws Exception {
            String[] client = register(Map.of("grant_types", List.of("client_credentials"), "scope", "api:read",
                    "token_endpoint_auth_method", "tls_client_auth", "tls_client_auth_subject_dn", "CN=" + CN_A,
                    "tls_client_certificate_bound_access_tokens", true));
            Api.Response r = tokenOverTls(clientA, new String[] {client[0], null},
                    Map.of("grant_type", "client_credentials"), null);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
            assertThat(cnf(r.json().get("access_token").asText()))
                    .isEqualTo(x5t(TlsTestKeys.certificate(clientA)));

            // RFC 8705 §2: the handshake's certificate identifies the client; client B's is not its registration
            assertOAuthError(tokenOverTls(clientB, new String[] {client[0], null},
                    Map.of("grant_type", "client_credentials"), null), 401, "invalid_client");
        }

        @Test
        @DisplayName("RFC 8705 §3: the certificate of the TLS handshake wins over a proxy header, even from a trusted"
                + " address")
        void rfc8705_3_handshakeCertificatePreferredOverProxyHeader() throws Exception {
            String[] client = apiClient(true);
            Api.Response r = tokenOverTls(clientA, client, Map.of("grant_type", "client_credentials"),
                    pem("client-b"));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            assertThat(cnf(r.json().get("access_token").asText())).isEqualTo(x5t(TlsTestKeys.certificate(clientA)));
        }

        @Test
        @DisplayName("RFC 8705 §3.2: UserInfo takes the bound token with its certificate; with another certificate,"
                + " none, or over plain HTTP it is 401 invalid_token with a WWW-Authenticate challenge")
        void rfc8705_3_2_userInfoAcceptsBoundTokenOnlyWithItsCertificate() throws Exception {
            String[] client = webClient(false, "jwt", true);
            Api.Response tokens = tokenOverTls(clientA, client, code(client), null);
            assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
            String access = tokens.json().get("access_token").asText();
            assertThat(cnf(access)).isEqualTo(x5t(TlsTestKeys.certificate(clientA)));

            Api.Response ok = userinfoOverTls(clientA, access);
            assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
            assertThat(ok.json().get("sub").asText()).isEqualTo(SignedJWT.parse(access).getJWTClaimsSet().getSubject());

            for (Api.Response refused : List.of(userinfoOverTls(clientB, access), userinfoOverTls(null, access),
                    api.get("/userinfo", access))) {
                assertThat(refused.status()).as(refused.raw().body()).isEqualTo(401);
                assertThat(refused.json().get("error").asText()).isEqualTo("invalid_token");
                assertThat(refused.raw().headers().allValues("WWW-Authenticate"))
                        .anyMatch(h -> h.startsWith("Bearer") && h.contains("error=\"invalid_token\""));
            }
        }

        @Test
        @DisplayName("RFC 8705 §4: a public client's refresh token is bound to its certificate — another certificate is"
                + " invalid_grant (none: invalid_request, §3.4), the same one refreshes and the new access token is bound"
                + " again")
        void rfc8705_4_publicClientRefreshTokenIsBoundToTheCertificate() throws Exception {
            String[] client = webClient(true, "jwt", true);
            Api.Response tokens = tokenOverTls(clientA, client, code(client), null);
            assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
            Map<String, String> refresh = Map.of("grant_type", "refresh_token",
                    "refresh_token", tokens.json().get("refresh_token").asText());

            assertOAuthError(tokenOverTls(clientB, client, refresh, null), 400, "invalid_grant");
            assertOAuthError(tokenViaProxy(null, client, refresh), 400, "invalid_request");
            Api.Response refreshed = tokenOverTls(clientA, client, refresh, null);
            assertThat(refreshed.status()).as(refreshed.raw().body()).isEqualTo(200);
            assertThat(cnf(refreshed.json().get("access_token").asText()))
                    .isEqualTo(x5t(TlsTestKeys.certificate(clientA)));
        }
    }

    @Nested
    @DisplayName("RFC 8705 §3 behind a TLS-terminating proxy (X-SSL-Client-Cert from a trusted address)")
    class BehindProxy {
        @Test
        @DisplayName("RFC 8705 §3.2, RFC 7662 §2.2: an opaque bound token's introspection carries cnf.x5t#S256;"
                + " its token_type stays Bearer")
        void rfc8705_3_2_opaqueTokenIntrospectionCarriesCnf() throws Exception {
            String[] client = webClient(false, "opaque", true);
            Api.Response tokens = tokenViaProxy(pem("client-a"), client, code(client));
            assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
            String access = tokens.json().get("access_token").asText();
            assertThat(access).doesNotContain(".");
            JsonNode introspection = api.postForm("/oauth2/introspect", client[0], client[1],
                    Map.of("token", access)).json();
            assertThat(introspection.get("active").asBoolean()).isTrue();
            assertThat(introspection.get("token_type").asText()).isEqualTo("Bearer");
            assertThat(introspection.at("/cnf/x5t#S256").asText())
                    .isEqualTo(x5t(MutualTlsClientAuthenticationIT.certificate("client-a")));
            // a confidential client's refresh token is not bound (RFC 8705 §4 binds public clients' only)
            JsonNode refresh = api.postForm("/oauth2/introspect", client[0], client[1],
                    Map.of("token", tokens.json().get("refresh_token").asText())).json();
            assertThat(refresh.has("cnf")).isFalse();
        }

        @Test
        @DisplayName("RFC 8705 §3.4, RFC 6749 §5.2: a client registered for bound tokens but sending no certificate"
                + " is invalid_request; with one it is bound")
        void rfc8705_3_4_boundClientWithoutCertificateIsInvalidRequest() throws Exception {
            String[] client = apiClient(true);
            assertOAuthError(tokenViaProxy(null, client, Map.of("grant_type", "client_credentials")), 400,
                    "invalid_request");
            Api.Response bound = tokenViaProxy(pem("client-b"), client, Map.of("grant_type", "client_credentials"));
            assertThat(bound.status()).as(bound.raw().body()).isEqualTo(200);
            assertThat(cnf(bound.json().get("access_token").asText()))
                    .isEqualTo(x5t(MutualTlsClientAuthenticationIT.certificate("client-b")));
        }

        @Test
        @DisplayName("RFC 8705 §3.4 (admin API): PUT …/token-settings switches tls_client_certificate_bound_access_tokens"
                + " on and the next token is bound; omitting it leaves it as it is")
        void rfc8705_3_4_adminTokenSettingsSwitchBinding() throws Exception {
            String[] client = apiClient(false);
            Api.Response on = api.putJson("/admin/api/clients/" + client[0] + "/token-settings", Api.ADMIN_TOKEN,
                    Map.of("tls_client_certificate_bound_access_tokens", true));
            assertThat(on.status()).as(on.raw().body()).isEqualTo(200);
            assertThat(on.json().get("tls_client_certificate_bound_access_tokens").asBoolean()).isTrue();
            Api.Response kept = api.putJson("/admin/api/clients/" + client[0] + "/token-settings", Api.ADMIN_TOKEN,
                    Map.of("access_token_lifetime", 600));
            assertThat(kept.json().get("tls_client_certificate_bound_access_tokens").asBoolean()).isTrue();
            assertOAuthError(tokenViaProxy(null, client, Map.of("grant_type", "client_credentials")), 400,
                    "invalid_request");
            Api.Response bound = tokenViaProxy(pem("client-a"), client, Map.of("grant_type", "client_credentials"));
            assertThat(cnf(bound.json().get("access_token").asText()))
                    .isEqualTo(x5t(MutualTlsClientAuthenticationIT.certificate("client-a")));
        }

        @Test
        @DisplayName("RFC 8705 §2.1.2 (admin API): PUT …/mtls-settings moves a tls_client_auth client to its renewed"
                + " certificate's subject; a second identifier, or one for a secret client, is invalid_client_metadata")
        void rfc8705_2_1_2_adminMtlsSettingsReplaceTheIdentifier() throws Exception {
            String[] client = register(Map.of("grant_types", List.of("client_credentials"), "scope", "api:read",
                    "token_endpoint_auth_method", "tls_client_auth",
                    "tls_client_auth_subject_dn", MutualTlsClientAuthenticationIT.certificate("client-a")
                            .getSubjectX500Principal().getName()));
            assertThat(tokenViaProxy(pem("client-b"), new String[] {client[0], null},
                    Map.of("grant_type", "client_credentials", "client_id", client[0])).status()).isEqualTo(401);
            Api.Response moved = api.putJson("/admin/api/clients/" + client[0] + "/mtls-settings", Api.ADMIN_TOKEN,
                    Map.of("tls_client_auth_subject_dn", MutualTlsClientAuthenticationIT.certificate("client-b")
                            .getSubjectX500Principal().getName()));
            assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
            Api.Response token = tokenViaProxy(pem("client-b"), new String[] {client[0], null},
                    Map.of("grant_type", "client_credentials", "client_id", client[0]));
            assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
            assertOAuthError(api.putJson("/admin/api/clients/" + client[0] + "/mtls-settings", Api.ADMIN_TOKEN,
                    Map.of("tls_client_auth_subject_dn", "CN=x", "tls_client_auth_san_dns", "x.example.jp")), 400,
                    "invalid_client_metadata");
            String[] secretClient = apiClient(false);
            assertOAuthError(api.putJson("/admin/api/clients/" + secretClient[0] + "/mtls-settings", Api.ADMIN_TOKEN,
                    Map.of("tls_client_auth_subject_dn", "CN=x")), 400, "invalid_client_metadata");
            assertOAuthError(api.putJson("/admin/api/clients/no-such-client/mtls-settings", Api.ADMIN_TOKEN,
                    Map.of()), 404, "invalid_request");
        }

        @Test
        @DisplayName("RFC 8705 §3.4: without tls_client_certificate_bound_access_tokens a certificate does not bind the"
                + " token")
        void rfc8705_3_4_clientNotAskingForBindingGetsUnboundToken() throws Exception {
            String[] client = apiClient(false);
            Api.Response r = tokenViaProxy(pem("client-a"), client, Map.of("grant_type", "client_credentials"));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            assertThat(cnf(r.json().get("access_token").asText())).isNull();
        }

        @Test
        @DisplayName("RFC 8705 §3.2: SCIM takes a certificate-bound token only with the same certificate; without it"
                + " or with another one it is 401 invalid_token")
        void rfc8705_3_2_scimRequiresTheBoundCertificate() throws Exception {
            String[] client = register(Map.of("grant_types", List.of("client_credentials"), "scope", "scim",
                    "tls_client_certificate_bound_access_tokens", true));
            Api.Response tokens = tokenViaProxy(pem("client-a"), client,
                    Map.of("grant_type", "client_credentials", "scope", "scim"));
            assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
            String access = tokens.json().get("access_token").asText();

            for (String certificate : new String[] {null, pem("client-b")}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + "/scim/v2/Users"))
                        .header("Authorization", "Bearer " + access).GET();
                if (certificate != null) {
                    request.header("X-SSL-Client-Cert", URLEncoder.encode(certificate, StandardCharsets.UTF_8));
                }
                Api.Response refused = api.send(request.build());
                assertThat(refused.status()).as(refused.raw().body()).isEqualTo(401);
                assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
            }
            Api.Response ok = api.send(HttpRequest.newBuilder(URI.create(issuer + "/scim/v2/Users"))
                    .header("Authorization", "Bearer " + access)
                    .header("X-SSL-Client-Cert", URLEncoder.encode(pem("client-a"), StandardCharsets.UTF_8))
                    .GET().build());
            assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
        }

        @Test
        @DisplayName("RFC 8705 §3.4, RFC 7592 §2.1: the registration reads back tls_client_certificate_bound_access_tokens")
        void rfc8705_3_4_registrationReadsBackTheFlag() throws Exception {
            Api.Response registered = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                    "client_name", "MTLS-bound DCR " + UUID.randomUUID(), "grant_types", List.of("client_credentials"),
                    "scope", "api:read", "tls_client_certificate_bound_access_tokens", true));
            assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
            assertThat(registered.json().get("tls_client_certificate_bound_access_tokens").asBoolean()).isTrue();
            Api.Response read = api.get(URI.create(registered.json().get("registration_client_uri").asText()).getPath(),
                    registered.json().get("registration_access_token").asText());
            assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
            assertThat(read.json().get("tls_client_certificate_bound_access_tokens").asBoolean()).isTrue();
        }

        @Test
        @DisplayName("RFC 8705 §3.3: discovery advertises tls_client_certificate_bound_access_tokens")
        void rfc8705_3_3_discoveryAdvertisesCertificateBoundTokens() throws Exception {
            JsonNode metadata = api.get("/.well-known/openid-configuration", null).json();
            assertThat(metadata.get("tls_client_certificate_bound_access_tokens").asBoolean()).isTrue();
        }
    }

    @Nested
    @DisplayName("FAPI 1.0 Advanced §8.5: TLS versions and cipher suites of Kizuna's own connector")
    class TlsRules {
        @Test
        @DisplayName("FAPI 1.0 Advanced §8.5: a TLS 1.2 handshake negotiates a permitted AEAD suite; TLS 1.3 works")
        void fapi1_8_5_tls12NegotiatesPermittedSuiteAndTls13Works() throws Exception {
            for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
                try (SSLSocket socket = (SSLSocket) TlsTestKeys.clientContext(null).getSocketFactory()
                        .createSocket("localhost", tlsPort)) {
                    socket.setEnabledProtocols(new String[] {protocol});
                    socket.startHandshake();
                    assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
                    assertThat(HttpsConnector.CIPHER_SUITES).contains(socket.getSession().getCipherSuite());
                }
            }
        }

        @Test
        @DisplayName("FAPI 1.0 Advanced §8.5 item 2: a TLS 1.2 ClientHello offering only"
                + " TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 gets an alert, the same hello with a GCM suite a ServerHello")
        void fapi1_8_5_tls12WithOnlyNonFapiCipherFails() throws Exception {
            assertThat(firstRecord(TLS_1_2, ECDHE_RSA_AES_128_GCM_SHA256)).as("control: a permitted suite")
                    .isEqualTo(HANDSHAKE);
            assertThat(firstRecord(TLS_1_2, ECDHE_RSA_AES_128_CBC_SHA256)).isNotEqualTo(HANDSHAKE);
        }

        @Test
        @DisplayName("FAPI 1.0 Advanced §8.5 item 1, RFC 8996: a TLS 1.1 ClientHello is refused")
        void fapi1_8_5_tls11Refused() throws Exception {
            assertThat(firstRecord(TLS_1_1, ECDHE_RSA_AES_128_CBC_SHA, ECDHE_RSA_AES_128_GCM_SHA256))
                    .isNotEqualTo(HANDSHAKE);
            // and the JDK's own client, limited to TLS 1.1, gets no session either
            try (SSLSocket socket = (SSLSocket) TlsTestKeys.clientContext(null).getSocketFactory()
                    .createSocket("localhost", tlsPort)) {
                assertThatThrownBy(() -> {
                    socket.setEnabledProtocols(new String[] {"TLSv1.1"});
                    socket.startHandshake();
                }).isInstanceOfAny(IOException.class, IllegalArgumentException.class);
            }
        }
    }

    static final int TLS_1_1 = 0x0302;
    static final int TLS_1_2 = 0x0303;
    static final int ECDHE_RSA_AES_128_GCM_SHA256 = 0xC02F;
    static final int ECDHE_RSA_AES_128_CBC_SHA256 = 0xC027;
    static final int ECDHE_RSA_AES_128_CBC_SHA = 0xC013;
    static final int HANDSHAKE = 22;

    /**
     * Sends a hand-made ClientHello (RFC 5246 §7.4.1.2) for {@code version} offering only {@code suites}, with the
     * extensions an ECDHE_RSA handshake needs, and returns the content type of the server's first record: 22
     * (handshake: a ServerHello), 21 (alert) or -1 (connection closed).
     */
    int firstRecord(int version, int... suites) throws IOException {
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        DataOutputStream e = new DataOutputStream(extensions);
        e.writeShort(10); // supported_groups (RFC 8422 §5.1.1): x25519, secp256r1, secp384r1
        e.writeShort(8);
        e.writeShort(6);
        e.writeShort(0x001d);
        e.writeShort(0x0017);
        e.writeShort(0x0018);
        e.writeShort(11); // ec_point_formats: uncompressed
        e.writeShort(2);
        e.writeByte(1);
        e.writeByte(0);
        e.writeShort(13); // signature_algorithms (RFC 5246 §7.4.1.4.1): rsa_pss_rsae_sha256, rsa_pkcs1_sha256
        e.writeShort(6);
        e.writeShort(4);
        e.writeShort(0x0804);
        e.writeShort(0x0401);
        e.writeShort(0xff01); // renegotiation_info (RFC 5746), empty
        e.writeShort(1);
        e.writeByte(0);

        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(hello);
        h.writeShort(version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        h.write(random);
        h.writeByte(0); // no session id
        h.writeShort(suites.length * 2);
        for (int suite : suites) {
            h.writeShort(suite);
        }
        h.writeByte(1); // compression methods: null
        h.writeByte(0);
        h.writeShort(extensions.size());
        h.write(extensions.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        DataOutputStream r = new DataOutputStream(record);
        r.writeByte(HANDSHAKE);
        r.writeShort(0x0301); // record layer version of a first ClientHello (RFC 5246 Appendix E.1)
        r.writeShort(hello.size() + 4);
        r.writeByte(1); // client_hello
        r.writeByte(0);
        r.writeShort(hello.size());
        r.write(hello.toByteArray());

        try (Socket socket = new Socket("localhost", tlsPort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(record.toByteArray());
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            try {
                return in.read();
            } catch (java.net.SocketException closed) {
                return -1;
            }
        }
    }
}
