package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.LogoutSupport.claims;
import static io.kizuna.server.protocol.LogoutSupport.idToken;
import static io.kizuna.server.protocol.LogoutSupport.newMember;
import static io.kizuna.server.protocol.LogoutSupport.registerClient;
import static io.kizuna.server.protocol.LogoutSupport.signedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** OpenID Connect Back-Channel Logout 1.0, section by section, with a Relying Party's receiver in this JVM. */
@KizunaIntegrationTest
class BackChannelLogoutIT {
    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    static final Duration DELIVERY = Duration.ofSeconds(30);

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Nested
    @DisplayName("§2.1 OP metadata and the sid claim")
    class Section2_1 {
        @Test
        @DisplayName("discovery advertises back-channel logout with sessions and the end-session endpoint")
        void requestWhenDiscoveryThenBackChannelSupported() throws Exception {
            JsonNode metadata = new Api(issuer).get("/.well-known/openid-configuration", null).json();
            assertThat(metadata.get("backchannel_logout_supported").asBoolean()).isTrue();
            assertThat(metadata.get("backchannel_logout_session_supported").asBoolean()).isTrue();
            assertThat(metadata.get("end_session_endpoint").asText()).isEqualTo(issuer + "/oauth2/logout");
        }

        @Test
        @DisplayName("the ID token's sid is the session's id: the same for every RP of the session, another per session")
        void requestWhenIdTokenThenSidNamesTheSession() throws Exception {
            Api api = new Api(issuer);
            String email = newMember(api, "bcl-sid");
            String[] one = registerClient(api, null, null, null);
            String[] two = registerClient(api, null, null, null);
            Browser laptop = signedIn(issuer, email);
            Browser phone = signedIn(issuer, email);
            String sidOne = claims(idToken(api, laptop, one)).getStringClaim("sid");
            String sidTwo = claims(idToken(api, laptop, two)).getStringClaim("sid");
            String sidPhone = claims(idToken(api, phone, one)).getStringClaim("sid");
            assertThat(sidOne).isNotBlank().isEqualTo(sidTwo).isNotEqualTo(sidPhone);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM browser_session WHERE session_id = ?",
                    Integer.class, sidOne)).isEqualTo(1);
            // the cookie is a separate secret: only its SHA-256 is stored, and sid is not that hash either
            assertThat(jdbc.queryForObject("SELECT session_hash FROM browser_session WHERE session_id = ?",
                    String.class, sidOne)).isNotEqualTo(sidOne).doesNotContain(sidOne);
        }
    }

    @Nested
    @DisplayName("§2.2 RP metadata")
    class Section2_2 {
        @Test
        @DisplayName("dynamic registration records backchannel_logout_uri and _session_required and returns them")
        void requestWhenRegisteredDynamicallyThenMetadataReturned() throws Exception {
            Api api = new Api(issuer);
            Api.Response r = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                    "client_name", "DCR logout RP", "redirect_uris", List.of("https://rp.example.jp/cb"),
                    "post_logout_redirect_uris", List.of("https://rp.example.jp/bye"),
                    "backchannel_logout_uri", "https://rp.example.jp/bcl",
                    "backchannel_logout_session_required", true));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            assertThat(r.json().get("backchannel_logout_uri").asText()).isEqualTo("https://rp.example.jp/bcl");
            assertThat(r.json().get("backchannel_logout_session_required").asBoolean()).isTrue();
            assertThat(r.json().get("post_logout_redirect_uris").get(0).asText()).isEqualTo("https://rp.example.jp/bye");
            JsonNode read = api.get(r.json().get("registration_client_uri").asText()
                    .substring(issuer.length()), r.json().get("registration_access_token").asText()).json();
            assertThat(read.get("backchannel_logout_uri").asText()).isEqualTo("https://rp.example.jp/bcl");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                    + "AND payloadtype LIKE '%ClientLogoutSettingsChanged'", Integer.class,
                    r.json().get("client_id").asText())).isEqualTo(1);
        }

        @Test
        @DisplayName("RFC 7592 §2.2: an update without the logout metadata removes it")
        void requestWhenUpdatedWithoutLogoutMetadataThenRemoved() throws Exception {
            Api api = new Api(issuer);
            Api.Response r = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                    "client_name", "DCR logout RP", "redirect_uris", List.of("https://rp.example.jp/cb"),
                    "backchannel_logout_uri", "https://rp.example.jp/bcl"));
            String clientId = r.json().get("client_id").asText();
            String path = r.json().get("registration_client_uri").asText().substring(issuer.length());
            String token = r.json().get("registration_access_token").asText();
            Api.Response updated = api.putJson(path, token, Map.of("client_id", clientId,
                    "client_name", "DCR logout RP", "redirect_uris", List.of("https://rp.example.jp/cb")));
            assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
            assertThat(updated.json().has("backchannel_logout_uri")).isFalse();
            assertThat(jdbc.queryForObject("SELECT backchannel_logout_uri FROM oauth_client WHERE client_id = ?",
                    String.class, clientId)).isNull();
        }

        @Test
        @DisplayName("a public client's http backchannel_logout_uri, or one with a fragment, is invalid_client_metadata")
        void requestWhenBadUriThenInvalidClientMetadata() throws Exception {
            Api api = new Api(issuer);
            Api.Response publicHttp = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                    "client_name", "public RP", "redirect_uris", List.of("https://rp.example.jp/cb"),
                    "token_endpoint_auth_method", "none", "backchannel_logout_uri", "http://rp.example.jp/bcl"));
            assertThat(publicHttp.status()).isEqualTo(400);
            assertThat(publicHttp.json().get("error").asText()).isEqualTo("invalid_client_metadata");
            Api.Response fragment = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                    "client_name", "fragment RP", "redirect_uris", List.of("https://rp.example.jp/cb"),
                    "backchannel_logout_uri", "https://rp.example.jp/bcl#x"));
            assertThat(fragment.status()).isEqualTo(400);
            assertThat(fragment.json().get("error").asText()).isEqualTo("invalid_client_metadata");
        }
    }

    @Nested
    @DisplayName("§2.4–§2.7 the Logout Token, sent to every RP that received an ID token in the session")
    class Section2_4To2_7 {
        @Test
        @DisplayName("signing out posts one signed logout+jwt per RP with iss, aud, iat, exp, jti, events, sub, sid, no nonce")
        void requestWhenSignedOutThenEachRpReceivesAValidLogoutToken() throws Exception {
            Api api = new Api(issuer);
            String email = newMember(api, "bcl-token");
            try (LogoutReceiver receiver = new LogoutReceiver()) {
                String[] es = registerClient(api, null, receiver.uri(), null);
                String[] ps = registerClient(api, null, receiver.uri(), "PS256");
                String[] silent = registerClient(api, null, null, null);
                String[] noIdToken = registerClient(api, null, receiver.uri(), null);
                Browser browser = signedIn(issuer, email);
                JWTClaimsSet esIdToken = claims(idToken(api, browser, es));
                idToken(api, browser, ps);
                idToken(api, browser, silent);
                // an access token without openid: no ID token, so no Logout Token (§2.7: RPs that received one)
                LogoutSupport.tokens(api, browser, noIdToken, "profile");

                HttpResponse<String> out = browser.submit(browser.get("/account").body(), "/signout", Map.of(), null);
                assertThat(out.statusCode()).isEqualTo(303);

                await().atMost(DELIVERY).until(() -> receiver.received.size() >= 2);
                JWKSet jwks = PublishedKeys.fetch(api);
                assertThat(receiver.received).allSatisfy(r ->
                        assertThat(r.contentType()).startsWith("application/x-www-form-urlencoded"));
                Map<String, SignedJWT> byAudience = new java.util.HashMap<>();
                for (String token : receiver.tokens()) {
                    SignedJWT jwt = SignedJWT.parse(token);
                    byAudience.put(jwt.getJWTClaimsSet().getAudience().get(0), jwt);
                    assertThat(PublishedKeys.verifies(token, jwks)).as("signed by a published key").isTrue();
                    assertThat(jwt.getHeader().getType().getType()).isEqualTo("logout+jwt");
                    JWTClaimsSet claims = jwt.getJWTClaimsSet();
                    assertThat(claims.getIssuer()).isEqualTo(issuer);
                    assertThat(claims.getAudience()).hasSize(1);
                    assertThat(claims.getIssueTime()).isNotNull();
                    assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime())
                            .isBefore(java.util.Date.from(claims.getIssueTime().toInstant().plusSeconds(600)));
                    assertThat(claims.getJWTID()).isNotBlank();
                    assertThat(claims.getJSONObjectClaim("events")).containsOnlyKeys(EVENT);
                    assertThat((Map<?, ?>) claims.getJSONObjectClaim("events").get(EVENT)).isEmpty();
                    assertThat(claims.getSubject()).isEqualTo(esIdToken.getSubject());
                    assertThat(claims.getStringClaim("sid")).isEqualTo(esIdToken.getStringClaim("sid"));
                    assertThat(claims.getClaim("nonce")).as("§2.4: a nonce is prohibited").isNull();
                }
                assertThat(byAudience).containsOnlyKeys(es[0], ps[0]);
                assertThat(byAudience.get(es[0]).getHeader().getAlgorithm().getName()).isEqualTo("ES256");
                assertThat(byAudience.get(ps[0]).getHeader().getAlgorithm().getName())
                        .as("§2.4: signed with the client's ID-token algorithm").isEqualTo("PS256");
                assertThat(byAudience.get(es[0]).getJWTClaimsSet().getJWTID())
                        .isNotEqualTo(byAudience.get(ps[0]).getJWTClaimsSet().getJWTID());
            }
        }

        @Test
        @DisplayName("§2.7 / OIDC Core §3.2.2.5: an RP that got its ID token from the implicit flow (id_token) carries the session's sid and is told too")
        void requestWhenImplicitIdTokenThenSidAndLogoutToken() throws Exception {
            Api api = new Api(issuer);
            String email = newMember(api, "bcl-implicit");
            try (LogoutReceiver receiver = new LogoutReceiver()) {
                Api.Response registered = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                        "client_name", "Implicit logout RP " + java.util.UUID.randomUUID(),
                        "redirect_uris", List.of(LogoutSupport.REDIRECT), "grant_types", List.of("implicit"),
                        "scope", "openid profile",
                        "backchannel_logout_uri", receiver.uri(), "backchannel_logout_session_required", true));
                assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
                String clientId = registered.json().get("client_id").asText();
                String[] code = registerClient(api, null, receiver.uri(), null);
                Browser browser = signedIn(issuer, email);
                JWTClaimsSet viaCode = claims(idToken(api, browser, code));
                HttpResponse<String> authorize = browser.get("/oauth2/authorize?response_type=id_token&client_id="
                        + clientId + "&redirect_uri=" + FrontChannel.enc(LogoutSupport.REDIRECT)
                        + "&scope=openid&nonce=n-implicit");
                HttpResponse<String> consent = authorize.statusCode() == 200 ? authorize
                        : browser.get(FrontChannel.location(authorize));
                HttpResponse<String> answer = consent.statusCode() == 200
                        ? browser.submit(consent.body(), "/consent", Map.of(), "approve") : consent;
                JWTClaimsSet implicit = claims(FrontChannel.fragmentOf(FrontChannel.location(answer)).get("id_token"));
                assertThat(implicit.getStringClaim("sid")).as("§2.1: the implicit ID token names the session")
                        .isEqualTo(viaCode.getStringClaim("sid"));

                HttpResponse<String> out = browser.submit(browser.get("/account").body(), "/signout", Map.of(), null);
                assertThat(out.statusCode()).isEqualTo(303);

                await().atMost(DELIVERY).until(() -> receiver.tokens().size() >= 2);
                Map<String, String> sidByAudience = new java.util.HashMap<>();
                for (String token : receiver.tokens()) {
                    JWTClaimsSet logout = SignedJWT.parse(token).getJWTClaimsSet();
                    sidByAudience.put(logout.getAudience().get(0), logout.getStringClaim("sid"));
                }
                assertThat(sidByAudience).containsOnlyKeys(clientId, code[0]);
                assertThat(sidByAudience.get(clientId)).isEqualTo(implicit.getStringClaim("sid"));
            }
        }

        @Test
        @DisplayName("ending another session from the account console notifies with that session's sid only")
        void requestWhenAccountConsoleEndsOneSessionThenOnlyItsRpsAreTold() throws Exception {
            Api api = new Api(issuer);
            String email = newMember(api, "bcl-console");
            try (LogoutReceiver receiver = new LogoutReceiver()) {
                String[] rp = registerClient(api, null, receiver.uri(), null);
                Browser laptop = signedIn(issuer, email);
                Browser phone = signedIn(issuer, email);
                String laptopSid = claims(idToken(api, laptop, rp)).getStringClaim("sid");
                String phoneSid = claims(idToken(api, phone, rp)).getStringClaim("sid");

                HttpResponse<String> ended = laptop.submit(laptop.get("/account").body(),
                        "/account/sessions/" + phoneSid + "/end", Map.of(), null);
                assertThat(ended.statusCode()).isEqualTo(303);
                await().atMost(DELIVERY).until(() -> receiver.received.size() >= 1);
                assertThat(claims(receiver.tokens().get(0)).getStringClaim("sid")).isEqualTo(phoneSid);

                laptop.submit(laptop.get("/account").body(), "/account/sessions/end-all", Map.of(), null);
                await().atMost(DELIVERY).until(() -> receiver.received.size() >= 2);
                assertThat(claims(receiver.tokens().get(1)).getStringClaim("sid")).isEqualTo(laptopSid);
            }
        }

        @Test
        @DisplayName("a password change ends the member's other sessions, and their RPs are told")
        void requestWhenPasswordChangedThenOtherSessionsRpsAreTold() throws Exception {
            Api api = new Api(issuer);
            String email = newMember(api, "bcl-password");
            try (LogoutReceiver receiver = new LogoutReceiver()) {
                String[] rp = registerClient(api, null, receiver.uri(), null);
                Browser laptop = signedIn(issuer, email);
                Browser phone = signedIn(issuer, email);
                idToken(api, laptop, rp);
                String phoneSid = claims(idToken(api, phone, rp)).getStringClaim("sid");

                HttpResponse<String> changed = laptop.submit(laptop.get("/account/password").body(),
                        "/account/password", Map.of("current", LogoutSupport.PASSWORD,
                                "password", "another long enough password"), null);
                assertThat(changed.statusCode()).as(changed.body()).isIn(200, 303);
                await().atMost(DELIVERY).until(() -> receiver.received.size() >= 1);
                assertThat(receiver.tokens()).extracting(t -> claims(t).getStringClaim("sid"))
                        .containsExactly(phoneSid);
            }
        }
    }

    @Nested
    @DisplayName("§2.8 the RP's answer: delivery outside the request, retried on failure")
    class Section2_8 {
        @Test
        @DisplayName("a 503 is retried until the RP answers 200")
        void requestWhenRpFailsOnceThenRetried() throws Exception {
            Api api = new Api(issuer);
            String email = newMember(api, "bcl-retry");
            try (LogoutReceiver receiver = new LogoutReceiver()) {
                receiver.failFirst(1);
                String[] rp = registerClient(api, null, receiver.uri(), null);
                Browser browser = signedIn(issuer, email);
                idToken(api, browser, rp);
                browser.submit(browser.get("/account").body(), "/signout", Map.of(), null);
                await().atMost(DELIVERY).until(() -> receiver.received.size() == 1);
                assertThat(receiver.attempts.get()).isEqualTo(2);
            }
        }

        @Test
        @DisplayName("sign-out answers while the RP is still holding the Logout Token request")
        void requestWhenRpIsSlowThenSignOutIsNotBlocked() throws Exception {
            Api api = new Api(issuer);
            String email = newMember(api, "bcl-slow");
            try (LogoutReceiver receiver = new LogoutReceiver()) {
                CountDownLatch release = receiver.holdAnswers();
                String[] rp = registerClient(api, null, receiver.uri(), null);
                Browser browser = signedIn(issuer, email);
                idToken(api, browser, rp);
                HttpResponse<String> out = browser.submit(browser.get("/account").body(), "/signout", Map.of(), null);
                assertThat(out.statusCode()).isEqualTo(303);
                await().atMost(DELIVERY).until(() -> receiver.attempts.get() == 1);
                assertThat(receiver.received).as("the RP has not answered yet").isEmpty();
                assertThat(browser.get("/account").statusCode()).as("yet the browser is signed out").isEqualTo(303);
                release.countDown();
                await().atMost(DELIVERY).until(() -> receiver.received.size() == 1);
            }
        }
    }
}
