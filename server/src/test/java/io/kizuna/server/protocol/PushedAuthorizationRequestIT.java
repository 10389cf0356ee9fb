package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pushed authorization requests (RFC 9126) and signed request objects (RFC 9101), end to end: push,
 * send the browser with the {@code request_uri}, sign in, consent, redeem the code.
 */
@KizunaIntegrationTest
class PushedAuthorizationRequestIT {
    static final String REDIRECT = "https://par.example.jp/cb";
    static final String PASSWORD = "correct horse battery staple 9126";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String[] client;
    String email;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        client = api.registerWebClient(REDIRECT);
        email = "par-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "PAR Tester");
    }

    Map<String, String> request(Pkce pkce, String state) {
        Map<String, String> form = new HashMap<>(Map.of("response_type", "code", "redirect_uri", REDIRECT,
                "scope", "openid profile", "state", state, "code_challenge", pkce.challenge(),
                "code_challenge_method", "S256", "nonce", UUID.randomUUID().toString()));
        return form;
    }

    Api.Response push(Map<String, String> form) throws Exception {
        return api.postForm("/oauth2/par", client[0], client[1], form);
    }

    HttpResponse<String> authorize(Browser browser, String clientId, String requestUri) throws Exception {
        return browser.get("/oauth2/authorize?client_id=" + clientId + "&request_uri="
                + URLEncoder.encode(requestUri, StandardCharsets.UTF_8));
    }

    @Nested
    @DisplayName("RFC 9126 §2: the pushed authorization request endpoint")
    class Section2 {
        @Test
        @DisplayName("RFC 9126 §2.2, §4: a pushed request gives a one-time request_uri that carries the whole request"
                + " through sign-in and consent to a code the token endpoint redeems")
        void requestWhenPushedThenRequestUriCompletesTheCodeFlow() throws Exception {
            Pkce pkce = Pkce.generate();
            Api.Response pushed = push(request(pkce, "pushed-state"));
            assertThat(pushed.status()).as(pushed.raw().body()).isEqualTo(201);
            assertThat(pushed.header("Cache-Control")).contains("no-store");
            String requestUri = pushed.json().get("request_uri").asText();
            assertThat(requestUri).startsWith("urn:ietf:params:oauth:request_uri:").hasSizeGreaterThan(60);
            assertThat(pushed.json().get("expires_in").asLong()).isEqualTo(60);

            Browser browser = new Browser(issuer);
            Map<String, String> response = CodeFlow.complete(browser, authorize(browser, client[0], requestUri),
                    email, PASSWORD);
            assertThat(response).containsEntry("state", "pushed-state").containsEntry("iss", issuer)
                    .containsKey("code");
            Api.Response token = api.postForm("/oauth2/token", client[0], client[1], Map.of(
                    "grant_type", "authorization_code", "code", response.get("code"), "redirect_uri", REDIRECT,
                    "code_verifier", pkce.verifier()));
            assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
            assertThat(token.json().get("id_token").asText()).isNotBlank();
        }

        @Test
        @DisplayName("RFC 9126 §2: the client authenticates as at the token endpoint; without it invalid_client")
        void requestWhenNotAuthenticatedThenInvalidClient() throws Exception {
            Map<String, String> form = request(Pkce.generate(), "s");
            form.put("client_id", client[0]);
            assertOAuthError(api.postForm("/oauth2/par", null, null, form), 401, "invalid_client");
            assertOAuthError(api.postForm("/oauth2/par", client[0], "wrong-secret", request(Pkce.generate(), "s")),
                    401, "invalid_client");
        }

        @Test
        @DisplayName("RFC 9126 §2.1: request_uri must not itself be pushed")
        void requestWhenRequestUriPushedThenInvalidRequest() throws Exception {
            Map<String, String> form = request(Pkce.generate(), "s");
            form.put("request_uri", "urn:ietf:params:oauth:request_uri:abc");
            assertOAuthError(push(form), 400, "invalid_request");
        }

        @Test
        @DisplayName("RFC 9126 §2.1, §2.3: the request is checked as the authorization endpoint would: an unregistered"
                + " redirect_uri, a missing PKCE challenge, an unknown scope are refused at once, as JSON")
        void requestWhenInvalidRequestThenRefusedBeforeAnyBrowser() throws Exception {
            Map<String, String> wrongRedirect = request(Pkce.generate(), "s");
            wrongRedirect.put("redirect_uri", "https://attacker.example/cb");
            assertOAuthError(push(wrongRedirect), 400, "invalid_request");
            Map<String, String> noPkce = request(Pkce.generate(), "s");
            noPkce.remove("code_challenge");
            assertOAuthError(push(noPkce), 400, "invalid_request");
            Map<String, String> scope = request(Pkce.generate(), "s");
            scope.put("scope", "openid admin:everything");
            assertOAuthError(push(scope), 400, "invalid_scope");
            Map<String, String> otherClient = request(Pkce.generate(), "s");
            otherClient.put("client_id", "someone-else");
            assertOAuthError(push(otherClient), 400, "invalid_request");
        }

        @Test
        @DisplayName("RFC 9126 §2: only form-encoded POST; a JSON body or a GET gets an error, never a 500")
        void requestWhenWrongContentTypeOrMethodThenError() throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/par"))
                    .header("Content-Type", "application/json").header("Authorization", Api.basic(client[0], client[1]))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"response_type\":\"code\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json.statusCode()).isEqualTo(400);
            assertThat(json.body()).contains("\"invalid_request\"");
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/par")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
        }
    }

    @Nested
    @DisplayName("RFC 9126 §4: the authorization request with request_uri")
    class Section4 {
        @Test
        @DisplayName("RFC 9126 §4, FAPI 2.0 SP §5.3.2.2: a request_uri may be visited again (a reload) until an"
                + " authorization from it completes; then every use is invalid_request_uri (§7.3) and the other"
                + " visits cannot complete")
        void requestWhenRequestUriReusedThenUsableUntilCompletedThenInvalidRequestUri() throws Exception {
            Pkce pkce = Pkce.generate();
            String requestUri = push(request(pkce, "once")).json().get("request_uri").asText();
            HttpResponse<String> first = authorize(new Browser(issuer), client[0], requestUri);
            String firstLocation = first.headers().firstValue("Location").orElseThrow();
            assertThat(firstLocation).contains("/signin?request=");
            String firstRequestId = Browser.queryOf(firstLocation).get("request");

            Browser browser = new Browser(issuer);
            HttpResponse<String> second = authorize(browser, client[0], requestUri);
            assertThat(second.headers().firstValue("Location").orElseThrow()).contains("/signin?request=")
                    .doesNotContain(firstRequestId);
            Map<String, String> response = CodeFlow.complete(browser, second, email, PASSWORD);
            assertThat(response).containsEntry("state", "once").containsKey("code");

            HttpResponse<String> third = authorize(new Browser(issuer), client[0], requestUri);
            assertThat(Browser.queryOf(third.headers().firstValue("Location").orElseThrow()))
                    .containsEntry("error", "invalid_request_uri").containsKey("error_description");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM authorization_request WHERE request_id = ?",
                    Integer.class, firstRequestId)).as("the first visit's parked request ended with the pushed one")
                    .isZero();
            Api.Response token = api.postForm("/oauth2/token", client[0], client[1], Map.of(
                    "grant_type", "authorization_code", "code", response.get("code"), "redirect_uri", REDIRECT,
                    "code_verifier", pkce.verifier()));
            assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
        }

        @Test
        @DisplayName("RFC 9126 §4: another client's attempt with a request_uri does not use it up for its owner")
        void requestWhenOtherClientTriesRequestUriThenOwnerCanStillUseIt() throws Exception {
            String requestUri = push(request(Pkce.generate(), "kept")).json().get("request_uri").asText();
            String[] other = api.registerWebClient(REDIRECT);
            HttpResponse<String> stolen = authorize(new Browser(issuer), other[0], requestUri);
            assertThat(Browser.queryOf(stolen.headers().firstValue("Location").orElseThrow()))
                    .containsEntry("error", "invalid_request_uri");
            HttpResponse<String> own = authorize(new Browser(issuer), client[0], requestUri);
            assertThat(own.headers().firstValue("Location").orElseThrow()).contains("/signin?request=");
        }

        @Test
        @DisplayName("RFC 9126 §4: a request_uri pushed by another client, or expired, is refused")
        void requestWhenOtherClientOrExpiredThenInvalidRequestUri() throws Exception {
            String requestUri = push(request(Pkce.generate(), "mine")).json().get("request_uri").asText();
            String[] other = api.registerWebClient(REDIRECT);
            HttpResponse<String> stolen = authorize(new Browser(issuer), other[0], requestUri);
            assertThat(Browser.queryOf(stolen.headers().firstValue("Location").orElseThrow()))
                    .containsEntry("error", "invalid_request_uri");

            String expiring = push(request(Pkce.generate(), "late")).json().get("request_uri").asText();
            jdbc.update("UPDATE pushed_authorization_request SET expires_at = now() - interval '1 second'"
                    + " WHERE client_id = ?", client[0]);
            HttpResponse<String> late = authorize(new Browser(issuer), client[0], expiring);
            assertThat(Browser.queryOf(late.headers().firstValue("Location").orElseThrow()))
                    .containsEntry("error", "invalid_request_uri");
        }

        @Test
        @DisplayName("RFC 9126 §4: parameters beside request_uri do not override the pushed ones")
        void requestWhenParametersBesideRequestUriThenPushedOnesCount() throws Exception {
            String requestUri = push(request(Pkce.generate(), "pushed")).json().get("request_uri").asText();
            Browser browser = new Browser(issuer);
            HttpResponse<String> authorize = browser.get("/oauth2/authorize?client_id=" + client[0] + "&request_uri="
                    + URLEncoder.encode(requestUri, StandardCharsets.UTF_8) + "&state=injected&redirect_uri="
                    + URLEncoder.encode("https://attacker.example/cb", StandardCharsets.UTF_8));
            Map<String, String> response = CodeFlow.complete(browser, authorize, email, PASSWORD);
            assertThat(response).containsEntry("state", "pushed");
        }

        @Test
        @DisplayName("RFC 9126 §4, OIDC Core §6.2: a client's https request_uri it never registered is invalid_request_uri"
                + " (never fetched; RequestUriIT covers registered ones)")
        void requestWhenUnregisteredHttpsRequestUriThenInvalidRequestUri() throws Exception {
            HttpResponse<String> r = authorize(new Browser(issuer), client[0], "https://rp.example.jp/request/1");
            assertThat(Browser.queryOf(r.headers().firstValue("Location").orElseThrow()))
                    .containsEntry("error", "invalid_request_uri");
        }
    }

    @Nested
    @DisplayName("RFC 9101: signed request objects, by value and pushed")
    class RequestObjects {
        ECKey key;
        String clientId;

        @BeforeEach
        void keyClient() throws Exception {
            key = new ECKeyGenerator(Curve.P_256).keyID("jar-1").generate();
            Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                    "client_name", "JAR client " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT),
                    "grant_types", List.of("authorization_code"), "scope", "openid profile",
                    "token_endpoint_auth_method", "private_key_jwt", "jwks", new JWKSet(key).toJSONObject(true)));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
            clientId = r.json().get("client_id").asText();
        }

        JWTClaimsSet.Builder object(Pkce pkce, String state) {
            return new JWTClaimsSet.Builder().issuer(clientId).audience(issuer).claim("client_id", clientId)
                    .claim("response_type", "code").claim("redirect_uri", REDIRECT).claim("scope", "openid profile")
                    .claim("state", state).claim("nonce", "n-" + state).claim("code_challenge", pkce.challenge())
                    .claim("code_challenge_method", "S256").claim("max_age", 3600)
                    .issueTime(new Date()).notBeforeTime(new Date())
                    .expirationTime(new Date(System.currentTimeMillis() + 300_000));
        }

        String sign(ECKey with, JWTClaimsSet claims) throws Exception {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(with.getKeyID())
                    .type(new JOSEObjectType("oauth-authz-req+jwt")).build(), claims);
            jwt.sign(new ECDSASigner(with));
            return jwt.serialize();
        }

        HttpResponse<String> byValue(String requestObject, String extra) throws Exception {
            return new Browser(issuer).get("/oauth2/authorize?client_id=" + clientId + "&request=" + requestObject
                    + extra);
        }

        Map<String, String> errorOf(HttpResponse<String> r) {
            return Browser.queryOf(r.headers().firstValue("Location").orElseThrow());
        }

        @Test
        @DisplayName("RFC 9101 §5, §6.3: a request object signed with the client's key is the request; the URL's own"
                + " parameters beside it are ignored")
        void requestWhenSignedRequestObjectThenFlowCompletes() throws Exception {
            Browser browser = new Browser(issuer);
            HttpResponse<String> authorize = browser.get("/oauth2/authorize?client_id=" + clientId + "&request="
                    + sign(key, object(Pkce.generate(), "from-object").build()) + "&state=from-url&scope=openid");
            Map<String, String> response = CodeFlow.complete(browser, authorize, email, PASSWORD);
            assertThat(response).containsEntry("state", "from-object").containsKey("code");
        }

        @Test
        @DisplayName("RFC 9126 §3: a request object pushed by a private_key_jwt client gives a request_uri")
        void requestWhenRequestObjectPushedThenRequestUri() throws Exception {
            String assertion = ClientAssertionIT.sign(new ECDSASigner(key), JWSAlgorithm.ES256, key.getKeyID(),
                    new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(issuer)
                            .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                            .jwtID(UUID.randomUUID().toString()).build());
            Api.Response pushed = api.postForm("/oauth2/par", null, null, Map.of("client_id", clientId,
                    "client_assertion_type", ClientAssertionIT.JWT_BEARER, "client_assertion", assertion,
                    "request", sign(key, object(Pkce.generate(), "pushed-object").build())));
            assertThat(pushed.status()).as(pushed.raw().body()).isEqualTo(201);
            Browser browser = new Browser(issuer);
            Map<String, String> response = CodeFlow.complete(browser,
                    authorize(browser, clientId, pushed.json().get("request_uri").asText()), email, PASSWORD);
            assertThat(response).containsEntry("state", "pushed-object");
        }

        @Test
        @DisplayName("RFC 9101 §6.2, §6.3: another key's signature, alg none, a foreign aud, a past exp, another"
                + " client_id or iss are each invalid_request_object, sent back to the registered redirect URI")
        void requestWhenRequestObjectBrokenThenInvalidRequestObject() throws Exception {
            Pkce pkce = Pkce.generate();
            ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("jar-1").generate();
            List<UnaryOperator<JWTClaimsSet.Builder>> broken = List.of(
                    b -> b.audience("https://other-as.example"),
                    b -> b.expirationTime(new Date(System.currentTimeMillis() - 120_000)),
                    b -> b.claim("client_id", "someone-else"),
                    b -> b.issuer("someone-else"),
                    b -> b.notBeforeTime(new Date(System.currentTimeMillis() + 600_000)),
                    b -> b.claim("request_uri", "https://rp.example/r"));
            for (UnaryOperator<JWTClaimsSet.Builder> change : broken) {
                assertThat(errorOf(byValue(sign(key, change.apply(object(pkce, "b")).build()), "&state=url")))
                        .containsEntry("error", "invalid_request_object").containsEntry("state", "url");
            }
            assertThat(errorOf(byValue(sign(stranger, object(pkce, "b").build()), "")))
                    .containsEntry("error", "invalid_request_object");
            assertThat(errorOf(byValue(new PlainJWT(object(pkce, "b").build()).serialize(), "")))
                    .containsEntry("error", "invalid_request_object");
            assertThat(errorOf(byValue("not.a.jwt", ""))).containsEntry("error", "invalid_request_object");
        }

        @Test
        @DisplayName("RFC 9101 §5: request and request_uri together are invalid_request")
        void requestWhenBothThenInvalidRequest() throws Exception {
            assertThat(errorOf(byValue(sign(key, object(Pkce.generate(), "b").build()),
                    "&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Ax")))
                    .containsEntry("error", "invalid_request");
        }
    }

    @Test
    @DisplayName("RFC 9126 §5, RFC 9101 §10.5: metadata names the PAR endpoint and the request object algorithms")
    void metadataWhenReadThenPushedRequestsAndRequestObjectsAdvertised() throws Exception {
        Api.Response metadata = api.get("/.well-known/oauth-authorization-server", null);
        assertThat(metadata.json().get("pushed_authorization_request_endpoint").asText())
                .isEqualTo(issuer + "/oauth2/par");
        assertThat(metadata.json().get("require_pushed_authorization_requests").asBoolean()).isFalse();
        assertThat(metadata.json().get("request_parameter_supported").asBoolean()).isTrue();
        assertThat(metadata.json().get("request_object_signing_alg_values_supported").toString())
                .contains("ES256", "PS256").doesNotContain("none");
    }
}
