package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * OpenID Connect Client-Initiated Backchannel Authentication Flow — Core 1.0 over HTTP: the client at the
 * backchannel authentication endpoint (§7), the member on the demo authentication device
 * ({@code /account/ciba}), and the token endpoint in poll (§10.1) and ping (§10.2) mode.
 */
@KizunaIntegrationTest
class BackchannelAuthenticationIT {
    static final String CIBA = "urn:openid:params:grant-type:ciba";
    static final String PASSWORD = "a long enough password";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern REQUEST = Pattern.compile("data-request=\"([^\"]+)\"");

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.kizuna.member.TotpCodes totp;

    Api api;
    String clientId;
    String clientSecret;
    String email;
    String memberId;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        String[] client = registerCibaClient(Map.of("backchannel_token_delivery_mode", "poll"));
        clientId = client[0];
        clientSecret = client[1];
        email = "ciba-" + UUID.randomUUID() + "@example.jp";
        memberId = api.registerMember(email, PASSWORD, "Ciba Tester");
    }

    String[] registerCibaClient(Map<String, Object> backchannel) throws Exception {
        Api.Response registered = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Counter app " + UUID.randomUUID(), "grant_types", List.of(CIBA, "refresh_token"),
                "scope", "openid email offline_access"));
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        String id = registered.json().get("client_id").asText();
        Api.Response settings = api.putJson("/admin/api/clients/" + id + "/backchannel-settings", Api.ADMIN_TOKEN,
                backchannel);
        assertThat(settings.status()).as(settings.raw().body()).isEqualTo(200);
        return new String[] {id, registered.json().get("client_secret").asText()};
    }

    Api.Response bcAuthorize(Map<String, String> parameters) throws Exception {
        return api.postForm("/oauth2/bc-authorize", clientId, clientSecret, parameters);
    }

    JsonNode started(Map<String, String> parameters) throws Exception {
        Api.Response r = bcAuthorize(parameters);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("no-store");
        return r.json();
    }

    JsonNode started() throws Exception {
        return started(Map.of("scope", "openid email offline_access", "login_hint", email,
                "binding_message", "KZ-4711"));
    }

    Api.Response poll(String authReqId) throws Exception {
        return api.postForm("/oauth2/token", clientId, clientSecret,
                Map.of("grant_type", CIBA, "auth_req_id", authReqId));
    }

    /** The member signs in on the demo device and answers the one pending request. */
    HttpResponse<String> decide(String decision) throws Exception {
        Browser device = signedIn();
        HttpResponse<String> list = device.get("/account/ciba");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains("KZ-4711");
        Matcher m = REQUEST.matcher(list.body());
        assertThat(m.find()).as(list.body()).isTrue();
        return device.submit(list.body(), "/account/ciba", Map.of("request", m.group(1), "decision", decision), null);
    }

    Browser signedIn() throws Exception {
        Browser browser = new Browser(issuer);
        HttpResponse<String> signin = browser.get("/signin");
        HttpResponse<String> signedIn = browser.submit(signin.body(), "/signin",
                Map.of("email", email, "password", PASSWORD), null);
        assertThat(signedIn.statusCode()).isEqualTo(303);
        return browser;
    }

    String grantOf(String authReqId) {
        return jdbc.queryForObject("SELECT grant_id FROM backchannel_authentication WHERE auth_req_id_hash = ?",
                String.class, sha256(authReqId));
    }

    static String sha256(String value) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class PollMode {

        @Test
        @DisplayName("CIBA §7.3: auth_req_id (at least 128 bits, kept only as its hash), expires_in and interval")
        void requestWhenAcceptedThenAuthReqId() throws Exception {
            JsonNode body = started();
            String authReqId = body.get("auth_req_id").asText();
            assertThat(Base64.getUrlDecoder().decode(authReqId)).hasSizeGreaterThanOrEqualTo(16);
            assertThat(body.get("expires_in").asLong()).isPositive();
            assertThat(body.get("interval").asInt()).isPositive();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM backchannel_authentication WHERE auth_req_id_hash = ?",
                    Integer.class, sha256(authReqId))).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') "
                    + "LIKE ?", Integer.class, "%" + authReqId + "%")).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND "
                    + "convert_from(payload, 'UTF8') LIKE ?", Integer.class, grantOf(authReqId), "%" + email + "%"))
                    .isZero();
        }

        @Test
        @DisplayName("CIBA §10.1, §11: pending, slow_down when polling too fast, then tokens once after approval")
        void requestWhenPollingThroughApprovalThenTokensOnce() throws Exception {
            String authReqId = started().get("auth_req_id").asText();
            assertOAuthError(poll(authReqId), 400, "authorization_pending");
            assertOAuthError(poll(authReqId), 400, "slow_down");

            HttpResponse<String> done = decide("approve");
            assertThat(done.statusCode()).isEqualTo(303);
            assertThat(done.headers().firstValue("Location").orElseThrow()).endsWith("/account/ciba?result=approved");

            Api.Response tokens = poll(authReqId);
            assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
            assertThat(tokens.header("Cache-Control")).contains("no-store");
            assertThat(tokens.json().get("access_token").asText()).isNotBlank();
            assertThat(tokens.json().get("refresh_token").asText()).isNotBlank();
            SignedJWT idToken = SignedJWT.parse(tokens.json().get("id_token").asText());
            assertThat(idToken.getJWTClaimsSet().getSubject()).isEqualTo(memberId);
            assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly(clientId);
            assertThat(idToken.getJWTClaimsSet().getStringClaim("urn:openid:params:jwt:claim:auth_req_id"))
                    .isEqualTo(authReqId);
            assertThat(idToken.getJWTClaimsSet().getStringClaim("acr")).isEqualTo("urn:kizuna:loa:2");
            assertThat(idToken.getJWTClaimsSet().getStringListClaim("amr")).contains("pwd");
            assertThat(idToken.getJWTClaimsSet().getLongClaim("auth_time")).isPositive();

            assertOAuthError(poll(authReqId), 400, "invalid_grant");
            assertThat(jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? "
                    + "ORDER BY sequencenumber", String.class, grantOf(authReqId))).containsExactly(
                    "io.kizuna.api.grant.BackchannelAuthenticationRequested",
                    "io.kizuna.api.grant.BackchannelAuthenticationApproved",
                    "io.kizuna.api.grant.BackchannelAuthenticationRedeemed", "io.kizuna.api.grant.AccessTokenIssued",
                    "io.kizuna.api.grant.RefreshTokenIssued");
        }

        @Test
        @DisplayName("CIBA §7.1: an ID token this server issued names the member as id_token_hint")
        void requestWhenIdTokenHintThenSameMember() throws Exception {
            String first = started().get("auth_req_id").asText();
            decide("approve");
            String idToken = poll(first).json().get("id_token").asText();
            String second = started(Map.of("scope", "openid", "id_token_hint", idToken, "binding_message", "KZ-4711"))
                    .get("auth_req_id").asText();
            assertThat(jdbc.queryForObject("SELECT member_id FROM backchannel_authentication WHERE auth_req_id_hash = ?",
                    String.class, sha256(second))).isEqualTo(memberId);
        }

        @Test
        @DisplayName("CIBA §11: a denied request answers the client's poll with access_denied")
        void requestWhenDeniedThenAccessDenied() throws Exception {
            String authReqId = started().get("auth_req_id").asText();
            HttpResponse<String> done = decide("deny");
            assertThat(done.headers().firstValue("Location").orElseThrow()).endsWith("/account/ciba?result=denied");
            assertOAuthError(poll(authReqId), 400, "access_denied");
        }

        @Test
        @DisplayName("CIBA §11: after its lifetime the auth_req_id is expired_token and the member can no longer approve")
        void requestWhenExpiredThenExpiredToken() throws Exception {
            String authReqId = started().get("auth_req_id").asText();
            Browser device = signedIn();
            String list = device.get("/account/ciba").body();
            Matcher m = REQUEST.matcher(list);
            assertThat(m.find()).isTrue();
            jdbc.update("UPDATE backchannel_authentication SET expires_at = now() - interval '1 second' "
                    + "WHERE auth_req_id_hash = ?", sha256(authReqId));
            assertOAuthError(poll(authReqId), 400, "expired_token");
            HttpResponse<String> late = device.submit(list, "/account/ciba",
                    Map.of("request", m.group(1), "decision", "approve"), null);
            assertThat(late.headers().firstValue("Location").orElseThrow()).endsWith("/account/ciba?result=not_found");
            assertOAuthError(poll(authReqId), 400, "expired_token");
        }

        @Test
        @DisplayName("CIBA §10.1, §11: concurrent redemptions of one approved auth_req_id → exactly one gets tokens")
        void requestWhenRedeemedConcurrentlyThenExactlyOneWins() throws Exception {
            String authReqId = started().get("auth_req_id").asText();
            decide("approve");
            int parallel = 6;
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Api.Response>> answers = new ArrayList<>();
                for (int i = 0; i < parallel; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return poll(authReqId);
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Api.Response> answer : answers) {
                    Api.Response r = answer.get();
                    statuses.add(r.status());
                    if (r.status() != 200) {
                        assertOAuthError(r, 400, "invalid_grant");
                    }
                }
                assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND "
                    + "payloadtype = 'io.kizuna.api.grant.AccessTokenIssued'", Integer.class, grantOf(authReqId)))
                    .isEqualTo(1);
        }

        @Test
        @DisplayName("CIBA §1, acr_values: a request for LoA 3 cannot be approved from a password-only session")
        void requestWhenLoa3AskedAndPasswordSessionThenStepUp() throws Exception {
            String authReqId = started(Map.of("scope", "openid", "login_hint", email, "binding_message", "KZ-4711",
                    "acr_values", "urn:kizuna:loa:3")).get("auth_req_id").asText();
            HttpResponse<String> done = decide("approve");
            assertThat(done.headers().firstValue("Location").orElseThrow()).endsWith("/account/ciba?result=step_up");
            assertOAuthError(poll(authReqId), 400, "authorization_pending");
        }

        @Test
        @DisplayName("CIBA §1, acr_values: the device page's step-up link signs in again with the second factor, then the LoA 3 request is approved")
        void requestWhenLoa3AskedThenStepUpFromTheDevicePageAndApprove() throws Exception {
            Browser device = signedIn();
            HttpResponse<String> mfa = device.get("/account/mfa");
            Matcher secret = Pattern.compile("id=\"secret\">([A-Z2-7]+)<").matcher(mfa.body());
            assertThat(secret.find()).as("TOTP enrolment page").isTrue();
            device.submit(mfa.body(), "/account/mfa", Map.of("code", totp.codeAt(secret.group(1),
                    totp.currentStep())), null);
            String authReqId = started(Map.of("scope", "openid", "login_hint", email, "binding_message", "KZ-4711",
                    "acr_values", "urn:kizuna:loa:3")).get("auth_req_id").asText();

            HttpResponse<String> list = device.get("/account/ciba");
            Matcher link = Pattern.compile("href=\"(/signin\\?[^\"]*step_up=loa3[^\"]*)\"").matcher(list.body());
            assertThat(link.find()).as("step-up link on the device page: " + list.body()).isTrue();
            HttpResponse<String> signin = device.get(link.group(1).replace("&amp;", "&"));
            assertThat(signin.body()).contains("id=\"stepup-notice\"");
            HttpResponse<String> password = device.submit(signin.body(), "/signin",
                    Map.of("email", email, "password", PASSWORD), null);
            String otpPage = password.headers().firstValue("Location").orElseThrow();
            assertThat(otpPage).as("the password alone is not enough for the step-up").startsWith("/signin/otp");
            HttpResponse<String> otp = device.submit(device.get(otpPage).body(), "/signin/otp",
                    Map.of("code", totp.codeAt(secret.group(1), totp.currentStep() + 1)), null);
            assertThat(otp.headers().firstValue("Location").orElseThrow()).isEqualTo("/account/ciba");

            list = device.get("/account/ciba");
            Matcher m = REQUEST.matcher(list.body());
            assertThat(m.find()).as(list.body()).isTrue();
            HttpResponse<String> done = device.submit(list.body(), "/account/ciba",
                    Map.of("request", m.group(1), "decision", "approve"), null);
            assertThat(done.headers().firstValue("Location").orElseThrow()).endsWith("/account/ciba?result=approved");
            Api.Response tokens = poll(authReqId);
            assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
            assertThat(SignedJWT.parse(tokens.json().get("id_token").asText()).getJWTClaimsSet()
                    .getStringClaim("acr")).isEqualTo("urn:kizuna:loa:3");
        }
    }

    @Nested
    class PingMode {

        @Test
        @DisplayName("CIBA §10.2: on approval the client's notification endpoint gets the bearer token and auth_req_id")
        void requestWhenApprovedThenClientPinged() throws Exception {
            List<Map<String, String>> received = new CopyOnWriteArrayList<>();
            HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            receiver.createContext("/cb", exchange -> {
                Map<String, String> call = new HashMap<>();
                call.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
                call.put("contentType", exchange.getRequestHeaders().getFirst("Content-Type"));
                call.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                received.add(call);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            try {
                String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb";
                String[] client = registerCibaClient(Map.of("backchannel_token_delivery_mode", "ping",
                        "backchannel_client_notification_endpoint", endpoint));
                clientId = client[0];
                clientSecret = client[1];
                String notificationToken = "notify-" + UUID.randomUUID();
                assertOAuthError(bcAuthorize(Map.of("scope", "openid", "login_hint", email)), 400, "invalid_request");
                String authReqId = started(Map.of("scope", "openid", "login_hint", email, "binding_message", "KZ-4711",
                        "client_notification_token", notificationToken)).get("auth_req_id").asText();
                assertThat(received).isEmpty();

                decide("approve");
                await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
                Map<String, String> ping = received.get(0);
                assertThat(ping.get("authorization")).isEqualTo("Bearer " + notificationToken);
                assertThat(ping.get("contentType")).startsWith("application/json");
                assertThat(JSON.readTree(ping.get("body")).get("auth_req_id").asText()).isEqualTo(authReqId);
                assertThat(JSON.readTree(ping.get("body")).size()).isEqualTo(1);

                Api.Response tokens = poll(authReqId);
                assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
                assertThat(tokens.json().get("id_token").asText()).isNotBlank();
                assertThat(received).hasSize(1);
            } finally {
                receiver.stop(0);
            }
        }

        @Test
        @DisplayName("CIBA §10.2: a notification endpoint that fails at first is tried again")
        void requestWhenNotificationEndpointFailsOnceThenRetried() throws Exception {
            List<String> bodies = new CopyOnWriteArrayList<>();
            HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            receiver.createContext("/cb", exchange -> {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(bodies.size() == 1 ? 503 : 204, -1);
                exchange.close();
            });
            receiver.start();
            try {
                String[] client = registerCibaClient(Map.of("backchannel_token_delivery_mode", "ping",
                        "backchannel_client_notification_endpoint",
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb"));
                clientId = client[0];
                clientSecret = client[1];
                String authReqId = started(Map.of("scope", "openid", "login_hint", email, "binding_message", "KZ-4711",
                        "client_notification_token", "notify-" + UUID.randomUUID())).get("auth_req_id").asText();
                decide("deny");
                await().atMost(Duration.ofSeconds(30)).until(() -> bodies.size() >= 2);
                assertThat(bodies).allSatisfy(body -> assertThat(body).contains(authReqId));
                assertOAuthError(poll(authReqId), 400, "access_denied");
            } finally {
                receiver.stop(0);
            }
        }

        @Test
        @DisplayName("CIBA §10.2: a notification endpoint answering 401 or a redirect is called once, never retried")
        void requestWhenNotificationEndpointRefusesThenNotRetried() throws Exception {
            for (int refusal : new int[] {401, 302}) {
                List<String> bodies = new CopyOnWriteArrayList<>();
                HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                receiver.createContext("/cb", exchange -> {
                    bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    if (refusal == 302) {
                        exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
                    }
                    exchange.sendResponseHeaders(refusal, -1);
                    exchange.close();
                });
                receiver.start();
                try {
                    String[] client = registerCibaClient(Map.of("backchannel_token_delivery_mode", "ping",
                            "backchannel_client_notification_endpoint",
                            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/cb"));
                    clientId = client[0];
                    clientSecret = client[1];
                    String authReqId = started(Map.of("scope", "openid", "login_hint", email,
                            "binding_message", "KZ-4711", "client_notification_token", "notify-" + UUID.randomUUID()))
                            .get("auth_req_id").asText();
                    decide("approve");
                    await().atMost(Duration.ofSeconds(30)).until(() -> !bodies.isEmpty());
                    // longer than the first retry pause (1 s) and the second (2 s): still exactly one call
                    await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> bodies.size() == 1);
                    assertThat(bodies.get(0)).contains(authReqId);
                    assertThat(poll(authReqId).status()).isEqualTo(200);
                } finally {
                    receiver.stop(0);
                }
            }
        }

        @Test
        @DisplayName("CIBA §4: ping needs an https notification endpoint (http only to loopback on a dev server)")
        void requestWhenPingEndpointNotHttpsThenInvalidClientMetadata() throws Exception {
            Api.Response r = api.putJson("/admin/api/clients/" + clientId + "/backchannel-settings", Api.ADMIN_TOKEN,
                    Map.of("backchannel_token_delivery_mode", "ping",
                            "backchannel_client_notification_endpoint", "http://client.example.jp/cb"));
            assertOAuthError(r, 400, "invalid_client_metadata");
            assertOAuthError(api.putJson("/admin/api/clients/" + clientId + "/backchannel-settings", Api.ADMIN_TOKEN,
                    Map.of("backchannel_token_delivery_mode", "push")), 400, "invalid_client_metadata");
        }
    }

    @Nested
    class SignedRequests {
        com.nimbusds.jose.jwk.ECKey key;
        String keyClientId;

        @BeforeEach
        void keyClient() throws Exception {
            key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("ciba-1")
                    .generate();
            Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                    "client_name", "Signed CIBA " + UUID.randomUUID(), "grant_types", List.of(CIBA),
                    "scope", "openid", "token_endpoint_auth_method", "private_key_jwt",
                    "jwks", new com.nimbusds.jose.jwk.JWKSet(key).toJSONObject(true)));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            keyClientId = r.json().get("client_id").asText();
            assertThat(api.putJson("/admin/api/clients/" + keyClientId + "/backchannel-settings", Api.ADMIN_TOKEN,
                    Map.of("backchannel_token_delivery_mode", "poll",
                            "backchannel_authentication_request_signing_alg", "ES256")).status()).isEqualTo(200);
        }

        com.nimbusds.jwt.JWTClaimsSet.Builder request() {
            java.util.Date now = new java.util.Date();
            return new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(keyClientId).audience(issuer).issueTime(now)
                    .notBeforeTime(now).expirationTime(new java.util.Date(now.getTime() + 300_000))
                    .jwtID(UUID.randomUUID().toString()).claim("scope", "openid").claim("login_hint", email)
                    .claim("binding_message", "KZ-4711").claim("requested_expiry", 120);
        }

        Api.Response send(Map<String, String> parameters) throws Exception {
            String assertion = ClientAssertionIT.sign(new com.nimbusds.jose.crypto.ECDSASigner(key),
                    com.nimbusds.jose.JWSAlgorithm.ES256, key.getKeyID(),
                    new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(keyClientId).subject(keyClientId)
                            .audience(issuer).issueTime(new java.util.Date())
                            .expirationTime(new java.util.Date(System.currentTimeMillis() + 60_000))
                            .jwtID(UUID.randomUUID().toString()).build());
            Map<String, String> form = new HashMap<>(parameters);
            form.put("client_id", keyClientId);
            form.put("client_assertion_type", ClientAssertionIT.JWT_BEARER);
            form.put("client_assertion", assertion);
            return api.postForm("/oauth2/bc-authorize", null, null, form);
        }

        String signed(com.nimbusds.jwt.JWTClaimsSet claims) throws Exception {
            return ClientAssertionIT.sign(new com.nimbusds.jose.crypto.ECDSASigner(key),
                    com.nimbusds.jose.JWSAlgorithm.ES256, key.getKeyID(), claims);
        }

        @Test
        @DisplayName("CIBA §7.1.1: a signed authentication request is the request; its requested_expiry is honoured")
        void requestWhenSignedThenAccepted() throws Exception {
            Api.Response r = send(Map.of("request", signed(request().build())));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
            assertThat(r.json().get("expires_in").asLong()).isEqualTo(120);
        }

        @Test
        @DisplayName("CIBA §7.1.1, §13: unsigned parameters, a missing jti or a foreign key's signature are invalid_request")
        void requestWhenNotProperlySignedThenInvalidRequest() throws Exception {
            assertOAuthError(send(Map.of("scope", "openid", "login_hint", email)), 400, "invalid_request");
            com.nimbusds.jwt.JWTClaimsSet noJti = new com.nimbusds.jwt.JWTClaimsSet.Builder(request().build())
                    .jwtID(null).build();
            assertOAuthError(send(Map.of("request", signed(noJti))), 400, "invalid_request");
            com.nimbusds.jose.jwk.ECKey stranger = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(
                    com.nimbusds.jose.jwk.Curve.P_256).keyID("ciba-1").generate();
            assertOAuthError(send(Map.of("request", ClientAssertionIT.sign(
                    new com.nimbusds.jose.crypto.ECDSASigner(stranger), com.nimbusds.jose.JWSAlgorithm.ES256,
                    "ciba-1", request().build()))), 400, "invalid_request");
        }
    }

    @Nested
    class Errors {

        @Test
        @DisplayName("CIBA §13: a login_hint that names no member is unknown_user_id")
        void requestWhenUnknownUserThenUnknownUserId() throws Exception {
            assertOAuthError(bcAuthorize(Map.of("scope", "openid", "login_hint", "nobody-" + UUID.randomUUID()
                    + "@example.jp")), 400, "unknown_user_id");
        }

        @Test
        @DisplayName("CIBA §7.1, §13: exactly one hint; login_hint_token is not supported; openid is required")
        void requestWhenMalformedThenInvalidRequest() throws Exception {
            assertOAuthError(bcAuthorize(Map.of("scope", "openid")), 400, "invalid_request");
            assertOAuthError(bcAuthorize(Map.of("scope", "openid", "login_hint", email, "id_token_hint", "x.y.z")),
                    400, "invalid_request");
            assertOAuthError(bcAuthorize(Map.of("scope", "openid", "login_hint_token", "abc")), 400, "invalid_request");
            assertOAuthError(bcAuthorize(Map.of("scope", "email", "login_hint", email)), 400, "invalid_request");
            assertOAuthError(bcAuthorize(Map.of("scope", "openid", "id_token_hint", "not-a-jwt")), 400,
                    "invalid_request");
            assertOAuthError(bcAuthorize(Map.of("scope", "openid", "login_hint", email, "requested_expiry", "soon")),
                    400, "invalid_request");
            assertOAuthError(bcAuthorize(Map.of("scope", "openid", "login_hint", email, "user_code", "1234")), 400,
                    "invalid_request");
        }

        @Test
        @DisplayName("CIBA §13: a binding_message too long or with control characters is invalid_binding_message")
        void requestWhenBadBindingMessageThenInvalidBindingMessage() throws Exception {
            assertOAuthError(bcAuthorize(Map.of("scope", "openid", "login_hint", email,
                    "binding_message", "x".repeat(65))), 400, "invalid_binding_message");
            assertOAuthError(bcAuthorize(Map.of("scope", "openid", "login_hint", email,
                    "binding_message", "line\nbreak")), 400, "invalid_binding_message");
            assertThat(bcAuthorize(Map.of("scope", "openid", "login_hint", email, "binding_message", "注文 4711"))
                    .status()).isEqualTo(200);
        }

        @Test
        @DisplayName("CIBA §7.1, §13: a public client is refused; a client without the grant is unauthorized_client")
        void requestWhenNotACibaClientThenRefused() throws Exception {
            Api.Response publicClient = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                    "client_name", "Public " + UUID.randomUUID(), "token_endpoint_auth_method", "none",
                    "grant_types", List.of(CIBA), "scope", "openid"));
            assertOAuthError(publicClient, 400, "invalid_client_metadata");
            Api.Response spa = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                    "client_name", "SPA " + UUID.randomUUID(), "token_endpoint_auth_method", "none",
                    "redirect_uris", List.of("https://spa.example.jp/cb"), "grant_types", List.of("authorization_code"),
                    "scope", "openid"));
            assertThat(spa.status()).isEqualTo(201);
            assertOAuthError(api.postForm("/oauth2/bc-authorize", null, null, Map.of("client_id",
                    spa.json().get("client_id").asText(), "scope", "openid", "login_hint", email)), 401, "invalid_client");
            String[] web = api.registerWebClient("https://web.example.jp/cb");
            assertOAuthError(api.postForm("/oauth2/bc-authorize", web[0], web[1],
                    Map.of("scope", "openid", "login_hint", email)), 400, "unauthorized_client");
        }

        @Test
        @DisplayName("CIBA §11: an unknown auth_req_id, or another client's, is invalid_grant")
        void requestWhenUnknownAuthReqIdThenInvalidGrant() throws Exception {
            String authReqId = started().get("auth_req_id").asText();
            assertOAuthError(poll("no-such-request"), 400, "invalid_grant");
            String[] other = registerCibaClient(Map.of("backchannel_token_delivery_mode", "poll"));
            assertOAuthError(api.postForm("/oauth2/token", other[0], other[1],
                    Map.of("grant_type", CIBA, "auth_req_id", authReqId)), 400, "invalid_grant");
        }
    }

    @Nested
    class Metadata {

        @Test
        @DisplayName("CIBA §4: discovery advertises the endpoint, poll and ping, the signing algorithms and the grant")
        void requestWhenDiscoveryThenCibaMetadata() throws Exception {
            JsonNode metadata = api.get("/.well-known/openid-configuration", null).json();
            assertThat(metadata.get("backchannel_authentication_endpoint").asText())
                    .isEqualTo(issuer + "/oauth2/bc-authorize");
            assertThat(metadata.get("backchannel_token_delivery_modes_supported")).extracting(JsonNode::asText)
                    .containsExactly("poll", "ping");
            assertThat(metadata.get("backchannel_authentication_request_signing_alg_values_supported"))
                    .extracting(JsonNode::asText).contains("ES256").doesNotContain("none", "HS256");
            assertThat(metadata.get("backchannel_user_code_parameter_supported").asBoolean()).isFalse();
            assertThat(metadata.get("grant_types_supported")).extracting(JsonNode::asText).contains(CIBA);
        }

        @Test
        @DisplayName("CIBA §4, RFC 7591 §2: dynamic registration keeps the CIBA metadata and requires the delivery mode")
        void requestWhenRegisteredDynamicallyThenCibaMetadata() throws Exception {
            String refusedName = "DCR CIBA " + UUID.randomUUID();
            Api.Response missing = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                    "client_name", refusedName, "grant_types", List.of(CIBA), "scope", "openid"));
            assertOAuthError(missing, 400, "invalid_client_metadata");
            // the refusal came after the client's registration in the same transaction: nothing is left
            assertThat(jdbc.queryForObject("SELECT count(*) FROM oauth_client WHERE name = ?", Integer.class,
                    refusedName)).isZero();
            Api.Response registered = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                    "client_name", "DCR CIBA " + UUID.randomUUID(), "grant_types", List.of(CIBA), "scope", "openid",
                    "backchannel_token_delivery_mode", "ping",
                    "backchannel_client_notification_endpoint", "https://client.example.jp/ciba"));
            assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
            assertThat(registered.json().get("backchannel_token_delivery_mode").asText()).isEqualTo("ping");
            assertThat(registered.json().get("backchannel_client_notification_endpoint").asText())
                    .isEqualTo("https://client.example.jp/ciba");
        }
    }
}
