package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kizuna.api.grant.BackchannelAuthenticationApproved;
import io.kizuna.api.grant.BackchannelAuthenticationDenied;
import io.kizuna.api.grant.DecideBackchannelAuthenticationCommand;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The CIBA automated-approval device channel (on in the test context only, with a key): the OpenID
 * Foundation suite's {@code automated_ciba_approval_url} stands in for the member's device (CIBA Core 1.0 §1)
 * and the ledger records the member's own approved/denied events, named as this channel in their metadata.
 */
@KizunaIntegrationTest
class AutomatedCibaApprovalIT {
    static final String CIBA = "urn:openid:params:grant-type:ciba";
    static final String KEY = "test-automated-approval-key-0123456789";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String clientId;
    String clientSecret;
    String email;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        register(Map.of("backchannel_token_delivery_mode", "poll"));
        email = "ciba-auto-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, "a long enough password", "Ciba Auto");
    }

    void register(Map<String, Object> backchannel) throws Exception {
        Api.Response registered = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Automated " + UUID.randomUUID(), "grant_types", List.of(CIBA),
                "scope", "openid email"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        clientId = registered.json().get("client_id").asText();
        clientSecret = registered.json().get("client_secret").asText();
        Api.Response settings = api.putJson("/admin/api/clients/" + clientId + "/backchannel-settings",
                Api.ADMIN_TOKEN, backchannel);
        assertThat(settings.status()).as(settings.raw().body()).isEqualTo(200);
    }

    String start(Map<String, String> extra) throws Exception {
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("scope", "openid email", "login_hint", email));
        parameters.putAll(extra);
        Api.Response r = api.postForm("/oauth2/bc-authorize", clientId, clientSecret, parameters);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json().get("auth_req_id").asText();
    }

    Api.Response poll(String authReqId) throws Exception {
        return api.postForm("/oauth2/token", clientId, clientSecret, Map.of("grant_type", CIBA, "auth_req_id", authReqId));
    }

    /** As the suite calls it: a bodiless POST to a URL template with the key, auth_req_id and action in the query. */
    HttpResponse<String> automated(String key, String authReqId, String action) throws Exception {
        String query = "key=" + enc(key) + "&auth_req_id=" + enc(authReqId) + "&action=" + enc(action);
        return http.send(HttpRequest.newBuilder(URI.create(issuer + "/ciba/automated-approval?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
    }

    String grantOf(String authReqId) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(authReqId.getBytes(StandardCharsets.UTF_8));
        return jdbc.queryForObject("SELECT grant_id FROM backchannel_authentication WHERE auth_req_id_hash = ?",
                String.class, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    }

    DomainEventMessage<?> decision(String grantId) {
        return eventStore.readEvents(grantId).asStream()
                .filter(e -> e.getPayload() instanceof BackchannelAuthenticationApproved
                        || e.getPayload() instanceof BackchannelAuthenticationDenied)
                .findFirst().orElseThrow();
    }

    @Test
    @DisplayName("CIBA §1, §10.1: allow records the member's approval (channel in metadata) and the poll gets tokens with acr")
    void allowThenPollGetsTokens() throws Exception {
        String authReqId = start(Map.of("binding_message", "KZ-1"));
        assertOAuthError(poll(authReqId), 400, "authorization_pending");

        HttpResponse<String> allowed = automated(KEY, authReqId, "allow");
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(json(allowed).get("auth_req_id_status").asText()).isEqualTo("approved");

        DomainEventMessage<?> event = decision(grantOf(authReqId));
        assertThat(event.getPayload()).isInstanceOf(BackchannelAuthenticationApproved.class);
        assertThat(event.getMetaData().get(DecideBackchannelAuthenticationCommand.DEVICE_CHANNEL_METADATA))
                .isEqualTo(DecideBackchannelAuthenticationCommand.AUTOMATED_APPROVAL);

        Api.Response tokens = poll(authReqId);
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        // CIBA §7.1 / OIDC Core §2: acr from the amr the channel is configured to stand in for (default pwd)
        var idToken = com.nimbusds.jwt.SignedJWT.parse(tokens.json().get("id_token").asText()).getJWTClaimsSet();
        assertThat(idToken.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(idToken.getStringClaim("acr")).isEqualTo("urn:kizuna:loa:2");
    }

    @Test
    @DisplayName("CIBA §7.1: an LoA 3 request cannot be approved by the channel's password-level amr")
    void loa3IsNotApproved() throws Exception {
        String authReqId = start(Map.of("acr_values", "urn:kizuna:loa:3"));
        assertError(automated(KEY, authReqId, "allow"), 400, "step_up_required");
        assertOAuthError(poll(authReqId), 400, "authorization_pending");
    }

    @Test
    @DisplayName("CIBA §11: deny records the member's denial and the poll gets access_denied")
    void denyThenPollGetsAccessDenied() throws Exception {
        String authReqId = start(Map.of());
        HttpResponse<String> denied = automated(KEY, authReqId, "deny");
        assertThat(denied.statusCode()).as(denied.body()).isEqualTo(200);
        assertThat(json(denied).get("auth_req_id_status").asText()).isEqualTo("denied");
        assertThat(decision(grantOf(authReqId)).getPayload()).isInstanceOf(BackchannelAuthenticationDenied.class);
        assertOAuthError(poll(authReqId), 400, "access_denied");
    }

    @Test
    @DisplayName("wrong key, bad action, unknown, used and expired auth_req_id: 4xx JSON errors, nothing recorded")
    void refusals() throws Exception {
        String authReqId = start(Map.of());
        assertError(automated("not-the-key-but-long-enough-0123456789", authReqId, "allow"), 401, "invalid_key");
        assertError(automated(KEY, authReqId, "maybe"), 400, "invalid_request");
        assertError(automated(KEY, "no-such-auth-req-id", "allow"), 404, "invalid_request");
        assertOAuthError(poll(authReqId), 400, "authorization_pending");

        assertThat(automated(KEY, authReqId, "allow").statusCode()).isEqualTo(200);
        assertError(automated(KEY, authReqId, "deny"), 409, "invalid_request");
        assertThat(poll(authReqId).status()).isEqualTo(200);
        assertError(automated(KEY, authReqId, "allow"), 409, "invalid_request");

        String shortLived = start(Map.of("requested_expiry", "1"));
        Instant expiry = Instant.now().plusSeconds(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiry));
        assertError(automated(KEY, shortLived, "allow"), 400, "expired_token");
    }

    @Test
    @DisplayName("CIBA §10.2: in ping mode the automated approval pings the client's notification endpoint")
    void pingModeIsPinged() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/cb", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            register(Map.of("backchannel_token_delivery_mode", "ping", "backchannel_client_notification_endpoint",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb"));
            String authReqId = start(Map.of("client_notification_token", "notify-" + UUID.randomUUID()));
            assertThat(automated(KEY, authReqId, "allow").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
            assertThat(received.get(0)).contains(authReqId);
            assertThat(poll(authReqId).status()).isEqualTo(200);
        } finally {
            receiver.stop(0);
        }
    }

    static void assertError(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("error_description").asText()).isNotBlank();
    }
}
