package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.kizuna.server.support.KizunaIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** The device authorization grant (RFC 8628) over HTTP: device, verification page, polling. */
@KizunaIntegrationTest
class DeviceAuthorizationGrantIT {
    static final String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String clientId;
    String email;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        Api.Response registered = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "TV app " + UUID.randomUUID(), "token_endpoint_auth_method", "none",
                "grant_types", List.of(DEVICE_CODE, "refresh_token"), "scope", "openid offline_access"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        clientId = registered.json().get("client_id").asText();
        email = "device-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Device Tester");
    }

    JsonNode deviceAuthorization() throws Exception {
        Api.Response r = api.postForm("/oauth2/device_authorization", null, null,
                Map.of("client_id", clientId, "scope", "openid offline_access"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("no-store");
        return r.json();
    }

    Api.Response poll(String deviceCode) throws Exception {
        return api.postForm("/oauth2/token", null, null,
                Map.of("grant_type", DEVICE_CODE, "client_id", clientId, "device_code", deviceCode));
    }

    /** The member signs in, opens verification_uri_complete and presses the button. */
    HttpResponse<String> decide(JsonNode authorization, String button) throws Exception {
        Browser browser = new Browser(issuer);
        HttpResponse<String> signin = browser.get("/signin");
        HttpResponse<String> signedIn = browser.submit(signin.body(), "/signin",
                Map.of("email", email, "password", PASSWORD), null);
        assertThat(signedIn.statusCode()).isEqualTo(303);
        HttpResponse<String> confirm = browser.get(authorization.get("verification_uri_complete").asText());
        assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(200);
        assertThat(confirm.body()).contains(authorization.get("user_code").asText());
        return browser.submit(confirm.body(), "/device", Map.of(), button);
    }

    @Test
    @DisplayName("RFC 8628 §3.2: the response carries device code, user code, verification URIs, lifetime, interval")
    void requestWhenDeviceAuthorizationThenCodes() throws Exception {
        JsonNode body = deviceAuthorization();
        assertThat(body.get("device_code").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(body.get("user_code").asText()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(body.get("verification_uri").asText()).isEqualTo(issuer + "/device");
        assertThat(body.get("verification_uri_complete").asText()).isEqualTo(issuer + "/device?user_code="
                + URLEncoder.encode(body.get("user_code").asText(), StandardCharsets.UTF_8));
        assertThat(body.get("expires_in").asLong()).isPositive();
        assertThat(body.get("interval").asInt()).isPositive();
    }

    @Test
    @DisplayName("RFC 8628 §3.4, §3.5: pending, then slow_down when polling too fast, then tokens once after approval")
    void requestWhenPollingThroughApprovalThenTokensOnce() throws Exception {
        JsonNode authorization = deviceAuthorization();
        String deviceCode = authorization.get("device_code").asText();
        assertOAuthError(poll(deviceCode), 400, "authorization_pending");
        assertOAuthError(poll(deviceCode), 400, "slow_down");

        HttpResponse<String> done = decide(authorization, "approve");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("id=\"device-result\"");

        Api.Response tokens = poll(deviceCode);
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        assertThat(tokens.header("Cache-Control")).contains("no-store");
        assertThat(tokens.json().get("access_token").asText()).isNotBlank();
        assertThat(tokens.json().get("refresh_token").asText()).isNotBlank();
        assertThat(tokens.json().get("id_token").asText()).isNotBlank();
        assertThat(tokens.json().get("scope").asText()).contains("openid").contains("offline_access");

        assertOAuthError(poll(deviceCode), 400, "invalid_grant");
        String grantId = jdbc.queryForObject("SELECT grant_id FROM device_authorization WHERE client_id = ?",
                String.class, clientId);
        assertThat(jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber", String.class, grantId)).containsExactly(
                "io.kizuna.api.grant.DeviceAuthorizationIssued", "io.kizuna.api.grant.DeviceAuthorizationApproved",
                "io.kizuna.api.grant.DeviceCodeRedeemed", "io.kizuna.api.grant.AccessTokenIssued",
                "io.kizuna.api.grant.RefreshTokenIssued");
    }

    @Test
    @DisplayName("RFC 8628 §3.5: a denied request answers the device's poll with access_denied")
    void requestWhenDeniedThenAccessDenied() throws Exception {
        JsonNode authorization = deviceAuthorization();
        HttpResponse<String> done = decide(authorization, "deny");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertOAuthError(poll(authorization.get("device_code").asText()), 400, "access_denied");
    }

    @Test
    @DisplayName("RFC 8628 §3.5, RFC 6749 §5.2: an unknown device code is invalid_grant")
    void requestWhenUnknownDeviceCodeThenInvalidGrant() throws Exception {
        assertOAuthError(poll("no-such-device-code"), 400, "invalid_grant");
    }

    @Test
    @DisplayName("RFC 8628 §3.2, RFC 6749 §5.2: a client not registered for the grant is unauthorized_client")
    void requestWhenClientNotRegisteredForGrantThenUnauthorizedClient() throws Exception {
        String[] web = api.registerWebClient("https://device.example.jp/cb");
        assertOAuthError(api.postForm("/oauth2/device_authorization", web[0], web[1], Map.of("scope", "openid")),
                400, "unauthorized_client");
    }

    @Test
    @DisplayName("RFC 8628 §3.2, RFC 6749 §5.2: a scope beyond the client's registration is invalid_scope")
    void requestWhenScopeNotAllowedThenInvalidScope() throws Exception {
        assertOAuthError(api.postForm("/oauth2/device_authorization", null, null,
                Map.of("client_id", clientId, "scope", "api:write")), 400, "invalid_scope");
    }

    @Test
    @DisplayName("RFC 8628 §4: discovery advertises the device authorization endpoint and grant type")
    void requestWhenDiscoveryThenDeviceEndpoint() throws Exception {
        JsonNode metadata = api.get("/.well-known/openid-configuration", null).json();
        assertThat(metadata.get("device_authorization_endpoint").asText())
                .isEqualTo(issuer + "/oauth2/device_authorization");
        assertThat(metadata.get("grant_types_supported")).extracting(JsonNode::asText).contains(DEVICE_CODE);
    }
}
