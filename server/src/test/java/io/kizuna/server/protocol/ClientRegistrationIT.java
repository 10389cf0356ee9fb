package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** Dynamic client registration (RFC 7591) and management (RFC 7592) over HTTP. */
@KizunaIntegrationTest
class ClientRegistrationIT {
    static final String REGISTER = "/oauth2/register";
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
    }

    static Map<String, Object> apiClient() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("client_name", "Dynamic API " + UUID.randomUUID());
        metadata.put("grant_types", List.of("client_credentials"));
        metadata.put("scope", "api:read");
        return metadata;
    }

    static Map<String, Object> nativeApp(String... redirectUris) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("client_name", "Native app " + UUID.randomUUID());
        metadata.put("redirect_uris", List.of(redirectUris));
        metadata.put("grant_types", List.of("authorization_code", "refresh_token"));
        metadata.put("token_endpoint_auth_method", "none");
        metadata.put("scope", "openid offline_access");
        return metadata;
    }

    Api.Response register(Map<String, Object> metadata) throws Exception {
        return api.postJson(REGISTER, Api.INITIAL_ACCESS_TOKEN, metadata);
    }

    JsonNode registered(Map<String, Object> metadata) throws Exception {
        Api.Response r = register(metadata);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json();
    }

    String managementPath(JsonNode registration) {
        return URI.create(registration.get("registration_client_uri").asText()).getPath();
    }

    @Nested
    @DisplayName("Registration (RFC 7591 §3)")
    class Registration {
        @Test
        @DisplayName("RFC 7591 §3, RFC 6750 §3.1: without an initial access token the request is refused with invalid_token")
        void requestWhenNoInitialAccessTokenThenInvalidToken() throws Exception {
            Api.Response r = api.postJson(REGISTER, null, apiClient());
            assertOAuthError(r, 401, "invalid_token");
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }

        @Test
        @DisplayName("RFC 7591 §3, RFC 6750 §3.1: a wrong initial access token is refused with invalid_token")
        void requestWhenWrongInitialAccessTokenThenInvalidToken() throws Exception {
            Api.Response r = api.postJson(REGISTER, "not-the-initial-access-token", apiClient());
            assertOAuthError(r, 401, "invalid_token");
            assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        }

        @Test
        @DisplayName("RFC 7591 §3.2.1: the response carries the client's credentials and its management token and URI;"
                + " OIDC DCR §2: id_token_signed_response_alg defaults to RS256")
        void requestWhenValidMetadataThenClientCreated() throws Exception {
            Map<String, Object> metadata = apiClient();
            metadata.put("software_version", "ignored (RFC 7591 §2: unknown metadata is ignored)");
            Api.Response r = register(metadata);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            assertThat(r.header("Cache-Control")).contains("no-store");
            JsonNode body = r.json();
            String clientId = body.get("client_id").asText();
            assertThat(clientId).isNotBlank();
            assertThat(body.get("client_secret").asText()).hasSizeGreaterThanOrEqualTo(43);
            assertThat(body.get("client_secret_expires_at").asLong()).isZero();
            assertThat(body.get("client_id_issued_at").asLong()).isPositive();
            assertThat(body.get("registration_access_token").asText()).hasSizeGreaterThanOrEqualTo(43);
            assertThat(body.get("registration_client_uri").asText()).isEqualTo(issuer + REGISTER + "/" + clientId);
            assertThat(body.get("client_name").asText()).isEqualTo(metadata.get("client_name"));
            assertThat(body.get("token_endpoint_auth_method").asText()).isEqualTo("client_secret_basic");
            assertThat(body.get("grant_types")).extracting(JsonNode::asText).containsExactly("client_credentials");
            assertThat(body.get("response_types")).isEmpty();
            assertThat(body.get("scope").asText()).isEqualTo("api:read");
            assertThat(body.has("software_version")).isFalse();
            assertThat(body.get("id_token_signed_response_alg").asText())
                    .as("OIDC DCR §2: RS256 when omitted").isEqualTo("RS256");

            Api.Response token = api.postForm("/oauth2/token", clientId, body.get("client_secret").asText(),
                    Map.of("grant_type", "client_credentials", "scope", "api:read"));
            assertThat(token.status()).as(token.raw().body()).isEqualTo(200);

            String storedHash = jdbc.queryForObject(
                    "SELECT registration_token_hash FROM oauth_client WHERE client_id = ?", String.class, clientId);
            assertThat(storedHash).isNotNull().isNotEqualTo(body.get("registration_access_token").asText());
        }

        @Test
        @DisplayName("RFC 7591 §2 scope omitted: the OpenID Connect scopes, with offline_access only for a client that"
                + " may refresh")
        void requestWhenScopeOmittedThenOpenIdConnectScopes() throws Exception {
            Map<String, Object> refreshing = nativeApp("https://app.example.jp/cb");
            refreshing.remove("scope");
            assertThat(registered(refreshing).get("scope").asText())
                    .isEqualTo("openid profile email phone address offline_access");
            Map<String, Object> codeOnly = nativeApp("https://app.example.jp/cb");
            codeOnly.remove("scope");
            codeOnly.put("grant_types", List.of("authorization_code"));
            assertThat(registered(codeOnly).get("scope").asText()).isEqualTo("openid profile email phone address");
        }

        @Test
        @DisplayName("RFC 7591 §3.2.2: a redirect URI with a fragment is refused with invalid_redirect_uri")
        void requestWhenRedirectUriHasFragmentThenInvalidRedirectUri() throws Exception {
            assertOAuthError(register(nativeApp("https://app.example.jp/cb#frag")), 400, "invalid_redirect_uri");
        }

        @Test
        @DisplayName("RFC 7591 §3.2.2: an unsupported grant type is refused with invalid_client_metadata")
        void requestWhenGrantTypeUnsupportedThenInvalidClientMetadata() throws Exception {
            Map<String, Object> metadata = apiClient();
            metadata.put("grant_types", List.of("password"));
            assertOAuthError(register(metadata), 400, "invalid_client_metadata");
        }

        @Test
        @DisplayName("RFC 7591 §3.2.2: a value of the wrong JSON type is refused with invalid_client_metadata")
        void requestWhenValueHasWrongTypeThenInvalidClientMetadata() throws Exception {
            Map<String, Object> metadata = apiClient();
            metadata.put("redirect_uris", "https://app.example.jp/cb");
            assertOAuthError(register(metadata), 400, "invalid_client_metadata");
        }

        @Test
        @DisplayName("RFC 7591 §2.1: response_types that disagree with grant_types are refused")
        void requestWhenResponseTypesDisagreeThenInvalidClientMetadata() throws Exception {
            Map<String, Object> metadata = apiClient();
            metadata.put("response_types", List.of("code"));
            assertOAuthError(register(metadata), 400, "invalid_client_metadata");
        }

        @Test
        @DisplayName("RFC 7591 §3.2.2: a body that is not JSON is refused with invalid_client_metadata, not a 500")
        void requestWhenBodyNotJsonThenInvalidClientMetadata() throws Exception {
            Api.Response r = api.send(HttpRequest.newBuilder(URI.create(issuer + REGISTER))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + Api.INITIAL_ACCESS_TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"client_name\": ")).build());
            assertOAuthError(r, 400, "invalid_client_metadata");
        }

        @Test
        @DisplayName("RFC 7591 §3.2.1: the server's own members cannot be chosen by the client")
        void requestWhenServerMemberSentThenInvalidClientMetadata() throws Exception {
            Map<String, Object> metadata = apiClient();
            metadata.put("registration_access_token", "mine");
            assertOAuthError(register(metadata), 400, "invalid_client_metadata");
        }

        @Test
        @DisplayName("RFC 8414 §2: discovery advertises the registration endpoint")
        void requestWhenDiscoveryThenRegistrationEndpoint() throws Exception {
            JsonNode metadata = api.get("/.well-known/oauth-authorization-server", null).json();
            assertThat(metadata.get("registration_endpoint").asText()).isEqualTo(issuer + REGISTER);
        }
    }

    @Nested
    @DisplayName("Native apps (RFC 8252 §7)")
    class NativeApps {
        @Test
        @DisplayName("RFC 8252 §7.1–7.3: private-use scheme, claimed https and loopback redirects are accepted")
        void requestWhenNativeRedirectUrisThenRegistered() throws Exception {
            JsonNode body = registered(nativeApp("com.example.app:/oauth2redirect", "https://app.example.jp/cb",
                    "http://127.0.0.1/cb", "http://[::1]/cb"));
            assertThat(body.get("token_endpoint_auth_method").asText()).isEqualTo("none");
            assertThat(body.has("client_secret")).isFalse();
            assertThat(body.get("redirect_uris")).extracting(JsonNode::asText).containsExactly(
                    "com.example.app:/oauth2redirect", "https://app.example.jp/cb", "http://127.0.0.1/cb",
                    "http://[::1]/cb");
        }

        @Test
        @DisplayName("RFC 8252 §8.3: a public client may not register http on a non-loopback host")
        void requestWhenPublicClientHttpNonLoopbackThenInvalidRedirectUri() throws Exception {
            assertOAuthError(register(nativeApp("http://app.example.jp/cb")), 400, "invalid_redirect_uri");
        }

        @Test
        @DisplayName("RFC 8252 §7.1: a code is delivered to the private-use scheme redirect and redeemed with PKCE")
        void requestWhenPrivateUseSchemeThenCodeFlowCompletes() throws Exception {
            String redirect = "com.example.app:/oauth2redirect";
            String clientId = registered(nativeApp(redirect)).get("client_id").asText();
            String email = "native-" + UUID.randomUUID() + "@example.jp";
            api.registerMember(email, PASSWORD, "Native Tester");
            CodeFlow.Result flow = CodeFlow.run(issuer, clientId, redirect, email, PASSWORD, "openid offline_access");
            Api.Response token = api.postForm("/oauth2/token", null, null, Map.of("grant_type", "authorization_code",
                    "client_id", clientId, "code", flow.code(), "redirect_uri", redirect,
                    "code_verifier", flow.verifier()));
            assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
            assertThat(token.json().get("access_token").asText()).isNotBlank();
        }
    }

    @Nested
    @DisplayName("Management (RFC 7592 §2)")
    class Management {
        JsonNode registration;
        String token;

        @BeforeEach
        void register() throws Exception {
            registration = registered(apiClient());
            token = registration.get("registration_access_token").asText();
        }

        @Test
        @DisplayName("RFC 7592 §2.1: the registration access token reads the client's current metadata")
        void requestWhenReadThenCurrentMetadata() throws Exception {
            Api.Response r = api.get(managementPath(registration), token);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            assertThat(r.header("Cache-Control")).contains("no-store");
            assertThat(r.json().get("client_id").asText()).isEqualTo(registration.get("client_id").asText());
            assertThat(r.json().get("client_name").asText()).isEqualTo(registration.get("client_name").asText());
            assertThat(r.json().get("registration_client_uri").asText())
                    .isEqualTo(registration.get("registration_client_uri").asText());
            assertThat(r.json().has("client_secret")).isFalse();
        }

        @Test
        @DisplayName("RFC 7592 §2.1: a wrong token, or another client's, is refused with 401 invalid_token")
        void requestWhenReadWithWrongTokenThenInvalidToken() throws Exception {
            String other = registered(apiClient()).get("registration_access_token").asText();
            assertOAuthError(api.get(managementPath(registration), other), 401, "invalid_token");
            assertOAuthError(api.get(managementPath(registration), null), 401, "invalid_token");
            assertOAuthError(api.get(REGISTER + "/no-such-client", token), 401, "invalid_token");
        }

        @Test
        @DisplayName("RFC 7592 §2.2: an update replaces the metadata and is recorded as client.updated")
        void requestWhenUpdateThenMetadataReplaced() throws Exception {
            String clientId = registration.get("client_id").asText();
            Map<String, Object> update = apiClient();
            update.put("client_id", clientId);
            update.put("client_name", "Renamed " + clientId);
            update.put("scope", "api:read api:write");
            update.put("client_secret", registration.get("client_secret").asText());
            Api.Response r = api.putJson(managementPath(registration), token, update);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            assertThat(r.header("Cache-Control")).contains("no-store");
            assertThat(r.json().get("client_name").asText()).isEqualTo("Renamed " + clientId);
            assertThat(r.json().get("scope").asText()).isEqualTo("api:read api:write");
            assertThat(api.get(managementPath(registration), token).json().get("client_name").asText())
                    .isEqualTo("Renamed " + clientId);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                    + " AND payloadtype = ?", Integer.class, clientId, "io.kizuna.api.client.ClientUpdated"))
                    .isEqualTo(1);
        }

        @Test
        @DisplayName("RFC 7592 §2.2: an update without the client's client_id is refused with invalid_client_metadata")
        void requestWhenUpdateWithoutClientIdThenInvalidClientMetadata() throws Exception {
            assertOAuthError(api.putJson(managementPath(registration), token, apiClient()), 400,
                    "invalid_client_metadata");
        }

        @Test
        @DisplayName("RFC 7592 §2.2: a client_secret that is not the issued one is refused")
        void requestWhenUpdateWithWrongSecretThenInvalidClientMetadata() throws Exception {
            Map<String, Object> update = apiClient();
            update.put("client_id", registration.get("client_id").asText());
            update.put("client_secret", "not-the-secret");
            assertOAuthError(api.putJson(managementPath(registration), token, update), 400,
                    "invalid_client_metadata");
        }

        @Test
        @DisplayName("RFC 7592 §2.3: a deleted client cannot authenticate, its tokens stop working, its token is void")
        void requestWhenDeleteThenClientAndTokensGone() throws Exception {
            String clientId = registration.get("client_id").asText();
            String secret = registration.get("client_secret").asText();
            String accessToken = api.postForm("/oauth2/token", clientId, secret,
                    Map.of("grant_type", "client_credentials")).json().get("access_token").asText();
            String[] resourceServer = api.registerApiClient();
            assertThat(introspect(resourceServer, accessToken)).isTrue();

            Api.Response deleted = api.delete(managementPath(registration), token);
            assertThat(deleted.status()).as(deleted.raw().body()).isEqualTo(204);

            assertOAuthError(api.postForm("/oauth2/token", clientId, secret, Map.of("grant_type",
                    "client_credentials")), 401, "invalid_client");
            assertThat(introspect(resourceServer, accessToken)).isFalse();
            assertOAuthError(api.get(managementPath(registration), token), 401, "invalid_token");
            assertOAuthError(api.delete(managementPath(registration), token), 401, "invalid_token");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                    + " AND payloadtype = ?", Integer.class, clientId, "io.kizuna.api.client.ClientDeleted"))
                    .isEqualTo(1);
        }

        @Test
        @DisplayName("RFC 7592 §2.2, §2.3: the account console shows the new name, and no longer the deleted app")
        void requestWhenUpdatedThenDeletedThenConnectedAppsFollow() throws Exception {
            String redirect = "https://dynamic-web.example.jp/cb";
            Map<String, Object> metadata = nativeApp(redirect);
            metadata.put("token_endpoint_auth_method", "client_secret_basic");
            JsonNode web = registered(metadata);
            String clientId = web.get("client_id").asText();
            String webToken = web.get("registration_access_token").asText();
            String email = "connected-" + UUID.randomUUID() + "@example.jp";
            String memberId = api.registerMember(email, PASSWORD, "Connected Tester");
            CodeFlow.run(issuer, clientId, redirect, email, PASSWORD, "openid");
            assertThat(connectedApps(memberId, clientId)).isEqualTo(1);

            metadata.put("client_id", clientId);
            metadata.put("client_name", "Renamed web app");
            assertThat(api.putJson(managementPath(web), webToken, metadata).status()).isEqualTo(200);
            assertThat(jdbc.queryForObject("SELECT name FROM client_directory WHERE client_id = ?", String.class,
                    clientId)).isEqualTo("Renamed web app");

            assertThat(api.delete(managementPath(web), webToken).status()).isEqualTo(204);
            assertThat(connectedApps(memberId, clientId)).isZero();
        }

        int connectedApps(String memberId, String clientId) {
            return jdbc.queryForObject("SELECT count(*) FROM connected_app WHERE member_id = ? AND client_id = ?",
                    Integer.class, memberId, clientId);
        }

        boolean introspect(String[] as, String accessToken) throws Exception {
            return api.postForm("/oauth2/introspect", as[0], as[1], Map.of("token", accessToken)).json()
                    .get("active").asBoolean();
        }
    }
}
