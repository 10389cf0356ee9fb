package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.FrontChannel.enc;
import static io.kizuna.server.protocol.FrontChannel.fragmentOf;
import static io.kizuna.server.protocol.FrontChannel.location;
import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * OIDC Core §3.2 (implicit: {@code id_token}, {@code id_token token}) and §3.3 (hybrid: {@code code id_token},
 * {@code code token}, {@code code id_token token}) for clients registered with {@code implicit}, answered in
 * the response mode asked for (Multiple Response Types §2.1, Form Post Response Mode §2), with
 * {@code at_hash}, {@code c_hash} and {@code s_hash} per the signing algorithm.
 */
@KizunaIntegrationTest
class OidcResponseTypesIT {
    static final String REDIRECT = "https://rp-hybrid.example.jp/cb";
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

    /** A confidential client registered for the code and implicit grants; returns [client_id, client_secret]. */
    String[] hybridClient(String idTokenAlg) throws Exception {
        Map<String, Object> metadata = new HashMap<>(Map.of("client_name", "Hybrid RP " + UUID.randomUUID(),
                "redirect_uris", List.of(REDIRECT), "grant_types", List.of("authorization_code", "implicit"),
                "scope", "openid profile email offline_access"));
        if (idTokenAlg != null) {
            metadata.put("id_token_signed_response_alg", idTokenAlg);
        }
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new String[] {r.json().get("client_id").asText(), r.json().get("client_secret").asText()};
    }

    static String authorize(String clientId, String responseType, String extra) {
        return "/oauth2/authorize?response_type=" + enc(responseType) + "&client_id=" + clientId
                + "&redirect_uri=" + enc(REDIRECT) + "&scope=" + enc("openid profile email") + extra;
    }

    String member() throws Exception {
        String email = "hybrid-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Hybrid Tester");
        return email;
    }

    static String leftHalf(String value, String hash) throws Exception {
        byte[] digest = MessageDigest.getInstance(hash).digest(value.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }

    JWTClaimsSet verifiedIdToken(String idToken, String clientId, String nonce) throws Exception {
        assertThat(PublishedKeys.verifies(idToken, PublishedKeys.fetch(api))).as("signed with a published key").isTrue();
        JWTClaimsSet claims = SignedJWT.parse(idToken).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer);
        assertThat(claims.getAudience()).containsExactly(clientId);
        assertThat(claims.getStringClaim("nonce")).isEqualTo(nonce);
        return claims;
    }

    @Test
    @DisplayName("OIDC Core §3.3.2.11: code id_token token answers in the fragment with an ID token carrying c_hash, at_hash, s_hash; the code redeems on the same grant")
    void requestWhenCodeIdTokenTokenThenFragmentWithAllHashes() throws Exception {
        String[] client = hybridClient(null);
        String email = member();
        Pkce pkce = Pkce.generate();
        String state = "st-" + UUID.randomUUID();
        String nonce = "n-" + UUID.randomUUID();
        Browser browser = new Browser(issuer);
        HttpResponse<String> done = FrontChannel.signInAndApprove(browser, browser.get(authorize(client[0],
                "code id_token token", "&state=" + state + "&nonce=" + nonce + "&code_challenge=" + pkce.challenge()
                        + "&code_challenge_method=S256")), email, PASSWORD);
        String location = location(done);
        assertThat(location).startsWith(REDIRECT + "#");
        assertThat(URI.create(location).getRawQuery()).isNull();
        Map<String, String> response = fragmentOf(location);
        assertThat(response).containsKeys("code", "access_token", "token_type", "expires_in", "id_token", "state", "iss")
                .doesNotContainKey("refresh_token");
        JWTClaimsSet claims = verifiedIdToken(response.get("id_token"), client[0], nonce);
        assertThat(SignedJWT.parse(response.get("id_token")).getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(claims.getStringClaim("c_hash")).isEqualTo(leftHalf(response.get("code"), "SHA-256"));
        assertThat(claims.getStringClaim("at_hash")).isEqualTo(leftHalf(response.get("access_token"), "SHA-256"));
        assertThat(claims.getStringClaim("s_hash")).isEqualTo(leftHalf(state, "SHA-256"));

        assertThat(api.get("/userinfo", response.get("access_token")).status()).isEqualTo(200);
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", response.get("code"), "redirect_uri", REDIRECT,
                "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        JWTClaimsSet backChannel = verifiedIdToken(tokens.json().get("id_token").asText(), client[0], nonce);
        assertThat(backChannel.getSubject()).isEqualTo(claims.getSubject());

        String grantId = jdbc.queryForObject("SELECT aggregateidentifier FROM domainevententry WHERE payloadtype LIKE"
                + " '%IdTokenIssued' ORDER BY globalindex DESC LIMIT 1", String.class);
        assertThat(jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?"
                + " ORDER BY sequencenumber", String.class, grantId)).extracting(t -> t.substring(t.lastIndexOf('.') + 1))
                .containsExactly("AuthorizationCodeIssued", "AccessTokenIssued", "IdTokenIssued",
                        "AuthorizationCodeRedeemed", "AccessTokenIssued");
    }

    @Test
    @DisplayName("OIDC Core §3.3.2.11 with EdDSA: c_hash and s_hash are the left half of SHA-512 (code id_token)")
    void requestWhenEdDsaClientThenHashesUseSha512() throws Exception {
        String[] client = hybridClient("EdDSA");
        String email = member();
        Pkce pkce = Pkce.generate();
        String nonce = "n-" + UUID.randomUUID();
        Browser browser = new Browser(issuer);
        Map<String, String> response = fragmentOf(location(FrontChannel.signInAndApprove(browser, browser.get(
                authorize(client[0], "id_token code", "&state=s1&nonce=" + nonce + "&code_challenge="
                        + pkce.challenge() + "&code_challenge_method=S256")), email, PASSWORD)));
        assertThat(response).containsKeys("code", "id_token").doesNotContainKey("access_token");
        JWTClaimsSet claims = verifiedIdToken(response.get("id_token"), client[0], nonce);
        assertThat(SignedJWT.parse(response.get("id_token")).getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
        assertThat(claims.getStringClaim("c_hash")).isEqualTo(leftHalf(response.get("code"), "SHA-512"));
        assertThat(claims.getStringClaim("s_hash")).isEqualTo(leftHalf("s1", "SHA-512"));
        assertThat(claims.getClaim("at_hash")).isNull();
    }

    @Test
    @DisplayName("OIDC Core §3.2.2.5 / §5.4: response_type id_token returns only an ID token, with the granted scope's claims in it")
    void requestWhenIdTokenOnlyThenScopeClaimsInIdToken() throws Exception {
        String[] client = hybridClient(null);
        String email = member();
        String nonce = "n-" + UUID.randomUUID();
        Browser browser = new Browser(issuer);
        Map<String, String> response = fragmentOf(location(FrontChannel.signInAndApprove(browser,
                browser.get(authorize(client[0], "id_token", "&nonce=" + nonce)), email, PASSWORD)));
        assertThat(response).containsKeys("id_token", "iss").doesNotContainKeys("code", "access_token", "state");
        JWTClaimsSet claims = verifiedIdToken(response.get("id_token"), client[0], nonce);
        assertThat(claims.getStringClaim("email")).isEqualTo(email);
        assertThat(claims.getStringClaim("name")).isEqualTo("Hybrid Tester");
        assertThat(claims.getClaim("at_hash")).isNull();
        assertThat(claims.getClaim("s_hash")).as("no state, no s_hash").isNull();
    }

    @Test
    @DisplayName("OIDC Core §3.2.2.10: id_token token carries at_hash; code token returns code and access token (§3.3.2.5)")
    void requestWhenIdTokenTokenOrCodeTokenThenBoth() throws Exception {
        String[] client = hybridClient(null);
        String email = member();
        Browser browser = new Browser(issuer);
        Map<String, String> implicit = fragmentOf(location(FrontChannel.signInAndApprove(browser,
                browser.get(authorize(client[0], "id_token token", "&nonce=n1&state=s2")), email, PASSWORD)));
        assertThat(implicit).containsKeys("id_token", "access_token").doesNotContainKey("code");
        assertThat(verifiedIdToken(implicit.get("id_token"), client[0], "n1").getStringClaim("at_hash"))
                .isEqualTo(leftHalf(implicit.get("access_token"), "SHA-256"));

        Pkce pkce = Pkce.generate();
        Browser second = new Browser(issuer);
        Map<String, String> hybrid = fragmentOf(location(FrontChannel.signInAndApprove(second,
                second.get(authorize(client[0], "code token", "&state=s3&nonce=n3&code_challenge=" + pkce.challenge()
                        + "&code_challenge_method=S256")), email, PASSWORD)));
        assertThat(hybrid).containsKeys("code", "access_token").doesNotContainKey("id_token");
    }

    @Test
    @DisplayName("OIDC Core §3.2.2.1, §3.3.2.11: nonce is required when an ID token comes from the authorization endpoint; the error is in the fragment; code token without nonce succeeds")
    void requestWhenNonceMissingThenInvalidRequestInFragment() throws Exception {
        String[] client = hybridClient(null);
        HttpResponse<String> r = new Browser(issuer).get(authorize(client[0], "code id_token", "&state=s4"
                + "&code_challenge=" + Pkce.generate().challenge() + "&code_challenge_method=S256"));
        Map<String, String> error = fragmentOf(location(r));
        assertThat(error.get("error")).isEqualTo("invalid_request");
        assertThat(error.get("error_description")).contains("nonce");
        assertThat(error.get("state")).isEqualTo("s4");
        // code token returns no ID token from the authorization endpoint: nonce optional, the request goes on
        assertThat(location(new Browser(issuer).get(authorize(client[0], "code token", "&state=s4b"
                + "&code_challenge=" + Pkce.generate().challenge() + "&code_challenge_method=S256"))))
                .doesNotContain("error=").contains("/signin?request=");
    }

    @Test
    @DisplayName("OIDC DCR §2 / RFC 6749 §4.2.2.1: a client without the implicit grant gets unauthorized_client for hybrid types")
    void requestWhenCodeOnlyClientAsksHybridThenUnauthorizedClient() throws Exception {
        String[] web = api.registerWebClient(REDIRECT);
        Map<String, String> error = fragmentOf(location(new Browser(issuer).get(authorize(web[0], "code id_token",
                "&nonce=n&state=s5"))));
        assertThat(error.get("error")).isEqualTo("unauthorized_client");
        assertThat(error.get("state")).isEqualTo("s5");
    }

    @Test
    @DisplayName("Multiple Response Types §2.1: response_mode query is refused for a type returning tokens; an unknown mode is invalid_request")
    void requestWhenQueryModeForTokensThenInvalidRequest() throws Exception {
        String[] client = hybridClient(null);
        HttpResponse<String> query = new Browser(issuer).get(authorize(client[0], "id_token",
                "&nonce=n&state=s6&response_mode=query"));
        assertThat(URI.create(location(query)).getRawQuery()).as("never tokens' errors in the query either").isNull();
        assertThat(fragmentOf(location(query)).get("error")).isEqualTo("invalid_request");
        HttpResponse<String> unknown = new Browser(issuer).get(authorize(client[0], "code",
                "&state=s7&response_mode=web_message&code_challenge=" + Pkce.generate().challenge()
                        + "&code_challenge_method=S256"));
        assertThat(Browser.queryOf(location(unknown)).get("error")).isEqualTo("invalid_request");
    }

    @Test
    @DisplayName("Multiple Response Types §2.1: response_mode fragment for code puts the code in the fragment")
    void requestWhenCodeWithFragmentModeThenFragment() throws Exception {
        String[] web = api.registerWebClient(REDIRECT);
        String email = member();
        Browser browser = new Browser(issuer);
        String location = location(FrontChannel.signInAndApprove(browser, browser.get(authorize(web[0], "code",
                "&state=s8&response_mode=fragment&code_challenge=" + Pkce.generate().challenge()
                        + "&code_challenge_method=S256")), email, PASSWORD));
        assertThat(URI.create(location).getRawQuery()).isNull();
        assertThat(fragmentOf(location)).containsKeys("code", "state", "iss");
    }

    @Test
    @DisplayName("Form Post Response Mode §2: a POSTed authorization request with response_mode form_post gets an auto-submitting no-store page under a hash-only CSP")
    void requestWhenFormPostThenAutoSubmittingPage() throws Exception {
        String[] client = hybridClient(null);
        String email = member();
        Pkce pkce = Pkce.generate();
        Browser browser = new Browser(issuer);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("response_type", "code id_token");
        form.put("client_id", client[0]);
        form.put("redirect_uri", REDIRECT);
        form.put("scope", "openid email");
        form.put("state", "s9");
        form.put("nonce", "n9");
        form.put("response_mode", "form_post");
        form.put("code_challenge", pkce.challenge());
        form.put("code_challenge_method", "S256");
        HttpResponse<String> page = FrontChannel.signInAndApprove(browser,
                browser.postForm("/oauth2/authorize", form), email, PASSWORD);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        List<String> csp = page.headers().allValues("Content-Security-Policy");
        assertThat(csp).hasSize(1);
        assertThat(csp.get(0)).contains("script-src 'sha256-").contains("default-src 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.body()).contains("<form method=\"post\" action=\"" + REDIRECT + "\">").contains("<noscript>");
        Map<String, String> fields = FrontChannel.formPostFields(page);
        assertThat(fields).containsKeys("code", "id_token", "state", "iss");
        assertThat(fields.get("state")).isEqualTo("s9");
        assertThat(verifiedIdToken(fields.get("id_token"), client[0], "n9").getStringClaim("c_hash"))
                .isEqualTo(leftHalf(fields.get("code"), "SHA-256"));
        assertThat(api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type", "authorization_code",
                "code", fields.get("code"), "redirect_uri", REDIRECT, "code_verifier", pkce.verifier())).status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("Form Post Response Mode §2: errors go back by form_post too")
    void requestWhenFormPostErrorThenErrorForm() throws Exception {
        String[] client = hybridClient(null);
        HttpResponse<String> page = new Browser(issuer).get(authorize(client[0], "id_token",
                "&state=s10&response_mode=form_post"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().allValues("Content-Security-Policy")).singleElement().asString()
                .contains("script-src 'sha256-");
        Map<String, String> fields = FrontChannel.formPostFields(page);
        assertThat(fields.get("error")).isEqualTo("invalid_request");
        assertThat(fields.get("state")).isEqualTo("s10");
        assertThat(fields.get("iss")).isEqualTo(issuer);
    }

    @Test
    @DisplayName("OIDC Discovery §3 / OIDC DCR §2: every response type and mode is advertised; response_types must match grant_types")
    void requestWhenDiscoveryAndRegistrationThenConsistent() throws Exception {
        var metadata = api.get("/.well-known/openid-configuration", null).json();
        assertThat(metadata.get("response_types_supported")).extracting(n -> n.asText()).containsExactly("code",
                "token", "id_token", "id_token token", "code id_token", "code token", "code id_token token");
        assertThat(metadata.get("response_modes_supported")).extracting(n -> n.asText())
                .containsExactly("query", "fragment", "form_post", "query.jwt", "fragment.jwt", "form_post.jwt", "jwt");
        assertThat(metadata.get("grant_types_supported")).extracting(n -> n.asText())
                .contains("authorization_code", "implicit");

        Api.Response ok = api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                "client_name", "Hybrid DCR " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code", "implicit"),
                "response_types", List.of("code id_token", "token id_token"), "scope", "openid"));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(201);
        assertThat(ok.json().get("response_types")).extracting(n -> n.asText())
                .containsExactly("code id_token", "id_token token");
        assertOAuthError(api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                "client_name", "Hybrid without implicit", "redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code"), "response_types", List.of("code id_token"),
                "scope", "openid")), 400, "invalid_client_metadata");
        assertOAuthError(api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                "client_name", "Implicit unused", "redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code", "implicit"), "response_types", List.of("code"),
                "scope", "openid")), 400, "invalid_client_metadata");
        assertOAuthError(api.postJson("/oauth2/register", Api.INITIAL_ACCESS_TOKEN, Map.of(
                "client_name", "Unknown type", "redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code"), "response_types", List.of("code none"),
                "scope", "openid")), 400, "invalid_client_metadata");
    }
}
