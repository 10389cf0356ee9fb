package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * OpenID Connect Dynamic Client Registration 1.0 §2 / RFC 7591 §2 {@code logo_uri}, {@code policy_uri},
 * {@code tos_uri} (and the rule now applied to {@code client_uri}) through dynamic registration (RFC 7591 §3),
 * its management (RFC 7592 §2) and the admin API, recorded as {@code client.presentation.changed}.
 */
@KizunaIntegrationTest
class ClientPresentationIT {
    static final String REGISTER = "/oauth2/register";
    static final String LOGO = "https://cdn.rp.example.jp/logo.png";
    static final String POLICY = "https://rp.example.jp/privacy";
    static final String TOS = "https://rp.example.jp/terms";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.kizuna.api.admin.AdminConsole console;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(issuer);
    }

    static Map<String, Object> webApp() {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("client_name", "Presented app " + UUID.randomUUID());
        metadata.put("redirect_uris", List.of("https://rp.example.jp/cb"));
        metadata.put("scope", "openid");
        return metadata;
    }

    int presentationEvents(String clientId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype LIKE '%ClientPresentationChanged'", Integer.class, clientId);
    }

    int clientsNamed(Object name) {
        return jdbc.queryForObject("SELECT count(*) FROM oauth_client WHERE name = ?", Integer.class, name);
    }

    @Nested
    @DisplayName("Dynamic registration (RFC 7591 §3, RFC 7592 §2)")
    class Dynamic {
        @Test
        @DisplayName("RFC 7591 §2, §3.2.1, RFC 7592 §2.1/§2.2, OIDC DCR §2: logo_uri, policy_uri, tos_uri, client_uri "
                + "registered, returned, read back, replaced (omitted ones removed), one ledger event per change")
        void rfc7591_2_registeredReadBackAndReplaced() throws Exception {
            Map<String, Object> metadata = webApp();
            metadata.putAll(Map.of("client_uri", "https://rp.example.jp/", "logo_uri", LOGO,
                    "policy_uri", POLICY, "tos_uri", TOS));
            Api.Response r = api.postJson(REGISTER, Api.INITIAL_ACCESS_TOKEN, metadata);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            JsonNode body = r.json();
            assertThat(body.get("logo_uri").asText()).isEqualTo(LOGO);
            assertThat(body.get("policy_uri").asText()).isEqualTo(POLICY);
            assertThat(body.get("tos_uri").asText()).isEqualTo(TOS);
            assertThat(body.get("client_uri").asText()).isEqualTo("https://rp.example.jp/");
            String clientId = body.get("client_id").asText();
            String token = body.get("registration_access_token").asText();
            assertThat(presentationEvents(clientId)).isEqualTo(1);

            JsonNode read = api.get(REGISTER + "/" + clientId, token).json();
            assertThat(read.get("logo_uri").asText()).isEqualTo(LOGO);
            assertThat(read.get("policy_uri").asText()).isEqualTo(POLICY);
            assertThat(read.get("tos_uri").asText()).isEqualTo(TOS);

            Map<String, Object> update = new HashMap<>(metadata);
            update.put("client_id", clientId);
            update.put("logo_uri", "https://cdn.rp.example.jp/logo-2.png");
            update.remove("tos_uri");
            Api.Response put = api.putJson(REGISTER + "/" + clientId, token, update);
            assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
            assertThat(put.json().get("logo_uri").asText()).isEqualTo("https://cdn.rp.example.jp/logo-2.png");
            assertThat(put.json().get("policy_uri").asText()).isEqualTo(POLICY);
            assertThat(put.json().has("tos_uri")).as("RFC 7592 §2.2: omitted means removed").isFalse();
            assertThat(presentationEvents(clientId)).isEqualTo(2);

            // the same metadata again changes nothing: no event
            Api.Response same = api.putJson(REGISTER + "/" + clientId, token, update);
            assertThat(same.status()).as(same.raw().body()).isEqualTo(200);
            assertThat(presentationEvents(clientId)).isEqualTo(2);
        }

        @Test
        @DisplayName("RFC 7591 §2: a client that registers none of them has none, and no presentation event")
        void rfc7591_2_noneRegistered() throws Exception {
            Api.Response r = api.postJson(REGISTER, Api.INITIAL_ACCESS_TOKEN, webApp());
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            assertThat(r.json().has("logo_uri")).isFalse();
            assertThat(r.json().has("policy_uri")).isFalse();
            assertThat(r.json().has("tos_uri")).isFalse();
            assertThat(presentationEvents(r.json().get("client_id").asText())).isZero();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"javascript:alert(1)", "data:image/png;base64,iVBORw0KGgo=", "/logo.png",
                "http://cdn.rp.example.jp/logo.png", "https://user:pw@cdn.rp.example.jp/logo.png",
                "https://cdn.rp.example.jp/a logo.png", "ftp://cdn.rp.example.jp/logo.png", "https:///logo.png"})
        @DisplayName("RFC 7591 §3.2.2: a logo_uri, policy_uri, tos_uri or client_uri that is not an https URL with a host "
                + "and without user info is invalid_client_metadata, and nothing is registered")
        void rfc7591_3_2_2_invalidUrlsRefused(String bad) throws Exception {
            for (String member : List.of("logo_uri", "policy_uri", "tos_uri", "client_uri")) {
                Map<String, Object> metadata = webApp();
                metadata.put(member, bad);
                Api.Response r = api.postJson(REGISTER, Api.INITIAL_ACCESS_TOKEN, metadata);
                assertOAuthError(r, 400, "invalid_client_metadata");
                assertThat(r.json().get("error_description").asText()).contains(member);
                assertThat(clientsNamed(metadata.get("client_name"))).as(member).isZero();
            }
        }

        @Test
        @DisplayName("RFC 7591 §3.2.2: a URL over 2000 characters, or a value that is not a string, is invalid_client_metadata")
        void rfc7591_3_2_2_tooLongOrNotAString() throws Exception {
            Map<String, Object> metadata = webApp();
            metadata.put("logo_uri", "https://cdn.rp.example.jp/" + "a".repeat(2000));
            assertOAuthError(api.postJson(REGISTER, Api.INITIAL_ACCESS_TOKEN, metadata), 400, "invalid_client_metadata");
            metadata.put("logo_uri", 42);
            assertOAuthError(api.postJson(REGISTER, Api.INITIAL_ACCESS_TOKEN, metadata), 400, "invalid_client_metadata");
            assertThat(clientsNamed(metadata.get("client_name"))).isZero();
        }

        @Test
        @DisplayName("RFC 7592 §2.2: an update with an invalid tos_uri is refused and the registered values stay")
        void rfc7592_2_2_invalidUpdateKeepsValues() throws Exception {
            Map<String, Object> metadata = webApp();
            metadata.put("tos_uri", TOS);
            JsonNode body = api.postJson(REGISTER, Api.INITIAL_ACCESS_TOKEN, metadata).json();
            String clientId = body.get("client_id").asText();
            String token = body.get("registration_access_token").asText();
            Map<String, Object> update = new HashMap<>(metadata);
            update.put("client_id", clientId);
            update.put("tos_uri", "javascript:alert(document.cookie)");
            assertOAuthError(api.putJson(REGISTER + "/" + clientId, token, update), 400, "invalid_client_metadata");
            assertThat(api.get(REGISTER + "/" + clientId, token).json().get("tos_uri").asText()).isEqualTo(TOS);
            assertThat(presentationEvents(clientId)).isEqualTo(1);
        }

        @Test
        @DisplayName("OIDC DCR §2: http is accepted only for a loopback host while the server itself runs on http")
        void oidcDcr_2_loopbackHttpOnHttpServer() throws Exception {
            assertThat(issuer).startsWith("http://localhost");
            Map<String, Object> metadata = webApp();
            metadata.put("logo_uri", "http://127.0.0.1:8099/logo.png");
            metadata.put("policy_uri", "http://localhost:8099/privacy");
            Api.Response r = api.postJson(REGISTER, Api.INITIAL_ACCESS_TOKEN, metadata);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            assertThat(r.json().get("logo_uri").asText()).isEqualTo("http://127.0.0.1:8099/logo.png");
        }
    }

    @Nested
    @DisplayName("Admin API")
    class Admin {
        @Test
        @DisplayName("OIDC DCR §2: POST /admin/api/clients takes logo_uri, policy_uri, tos_uri; PUT .../presentation "
                + "replaces them; invalid ones are invalid_client_metadata")
        void oidcDcr_2_adminApi() throws Exception {
            Map<String, Object> metadata = webApp();
            metadata.putAll(Map.of("logo_uri", LOGO, "policy_uri", POLICY, "tos_uri", TOS));
            Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            assertThat(r.json().get("logo_uri").asText()).isEqualTo(LOGO);
            assertThat(r.json().get("tos_uri").asText()).isEqualTo(TOS);
            String clientId = r.json().get("client_id").asText();

            Api.Response put = api.putJson("/admin/api/clients/" + clientId + "/presentation", Api.ADMIN_TOKEN,
                    Map.of("policy_uri", "https://rp.example.jp/privacy-v2"));
            assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
            assertThat(put.json().get("policy_uri").asText()).isEqualTo("https://rp.example.jp/privacy-v2");
            assertThat(put.json().has("logo_uri")).isFalse();
            assertThat(presentationEvents(clientId)).isEqualTo(2);

            assertOAuthError(api.putJson("/admin/api/clients/" + clientId + "/presentation", Api.ADMIN_TOKEN,
                    Map.of("logo_uri", "vbscript:msgbox")), 400, "invalid_client_metadata");
            assertThat(presentationEvents(clientId)).isEqualTo(2);
            Map<String, Object> bad = webApp();
            bad.put("client_uri", "javascript:alert(1)");
            assertOAuthError(api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, bad), 400, "invalid_client_metadata");
            assertThat(clientsNamed(bad.get("client_name"))).isZero();
        }

        @Test
        @DisplayName("OIDC DCR §2 through the admin console backend: saved and read back; an unsafe URL is refused "
                + "by the client aggregate (LedgerRejection invalid_client_metadata) and nothing is recorded")
        void oidcDcr_2_consoleBackend() throws Exception {
            Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, webApp());
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            String clientId = r.json().get("client_id").asText();
            var wanted = new io.kizuna.api.admin.AdminConsole.ClientPresentation(LOGO, null, TOS);
            console.changeClientPresentation(clientId, wanted, "operator");
            assertThat(console.clientPresentation(clientId)).contains(wanted);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> console.changeClientPresentation(clientId,
                            new io.kizuna.api.admin.AdminConsole.ClientPresentation("javascript:alert(1)", null, null),
                            "operator"))
                    .isInstanceOfSatisfying(io.kizuna.api.LedgerRejection.class,
                            e -> assertThat(e.code()).isEqualTo("invalid_client_metadata"));
            assertThat(console.clientPresentation(clientId)).contains(wanted);
            assertThat(presentationEvents(clientId)).isEqualTo(1);
        }

        @Test
        @DisplayName("OIDC DCR §2 client_uri from the console's client form: held to the same rule")
        void oidcDcr_2_consoleClientUri() throws Exception {
            Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, webApp());
            String clientId = r.json().get("client_id").asText();
            var bad = new io.kizuna.api.admin.AdminConsole.ClientForm("Console app", null,
                    List.of("https://rp.example.jp/cb"), List.of("authorization_code"), List.of("openid"),
                    "javascript:alert(1)", null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> console.updateClient(clientId, bad, "operator"))
                    .isInstanceOfSatisfying(io.kizuna.api.LedgerRejection.class,
                            e -> assertThat(e.description()).contains("client_uri"));
            console.updateClient(clientId, new io.kizuna.api.admin.AdminConsole.ClientForm("Console app", null,
                    List.of("https://rp.example.jp/cb"), List.of("authorization_code"), List.of("openid"),
                    "https://rp.example.jp/", null), "operator");
            assertThat(jdbc.queryForObject("SELECT site_uri FROM oauth_client WHERE client_id = ?", String.class,
                    clientId)).isEqualTo("https://rp.example.jp/");
        }
    }
}
