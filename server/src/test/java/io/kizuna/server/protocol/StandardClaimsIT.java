package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.FrontChannel.enc;
import static io.kizuna.server.protocol.FrontChannel.fragmentOf;
import static io.kizuna.server.protocol.FrontChannel.location;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.http.HttpResponse;
import java.util.HashMap;
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
 * The OIDC Core §5.1 standard claims of a member who filled in the whole profile: released by scope at UserInfo
 * (§5.4) and in an ID token issued without access token (§5.4), and by the {@code claims} parameter (§5.5) —
 * claims beyond the scope only after the member approved them on the consent screen, recorded in the grant
 * by name; {@code value} (§5.5.1) narrows what is released; unknown claims are ignored.
 */
@KizunaIntegrationTest
class StandardClaimsIT {
    static final String REDIRECT = "https://standard-claims.example.jp/cb";
    static final String PASSWORD = "standard claims password";
    static final String SCOPES = "openid profile email address phone";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    String[] client;
    String email;
    String memberId;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "Standard claims RP " + UUID.randomUUID(), "redirect_uris", List.of(REDIRECT),
                "grant_types", List.of("authorization_code", "implicit"), "scope", SCOPES));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        client = new String[] {r.json().get("client_id").asText(), r.json().get("client_secret").asText()};
        email = "standard-" + UUID.randomUUID() + "@example.jp";
        memberId = api.registerMember(email, PASSWORD, "山田 花子");
        Browser browser = new Browser(issuer);
        browser.submit(browser.get("/signin").body(), "/signin", Map.of("email", email, "password", PASSWORD), null);
        Map<String, String> profile = new HashMap<>(Map.of("name", "山田 花子", "email", email,
                "phone", "+81 3-1234-5678", "address", "東京都千代田区千代田1-1", "given_name", "花子",
                "family_name", "山田", "nickname", "はなちゃん", "birthdate", "0000-04-01", "zoneinfo", "Asia/Tokyo",
                "locale", "ja-JP"));
        profile.putAll(Map.of("website", "https://hanako.example.jp/", "street_address", "千代田1-1",
                "locality", "千代田区", "region", "東京都", "postal_code", "100-0001", "country", "Japan"));
        HttpResponse<String> saved = browser.submit(browser.get("/account/profile").body(), "/account/profile",
                profile, null);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    }

    String authorize(String responseType, String scope, String claims, Pkce pkce) {
        return "/oauth2/authorize?response_type=" + enc(responseType) + "&client_id=" + client[0] + "&redirect_uri="
                + enc(REDIRECT) + "&scope=" + enc(scope) + "&state=s1&nonce=n1"
                + (pkce == null ? "" : "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256")
                + (claims == null ? "" : "&claims=" + enc(claims));
    }

    Api.Response tokens(String code, Pkce pkce) throws Exception {
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        return tokens;
    }

    /** Code flow; {@code consentPage}, unless null, must be shown and receives the consent page. */
    Api.Response codeFlow(String scope, String claims, java.util.function.Consumer<String> consentPage)
            throws Exception {
        Pkce pkce = Pkce.generate();
        Browser browser = new Browser(issuer);
        HttpResponse<String> authorize = browser.get(authorize("code", scope, claims, pkce));
        HttpResponse<String> page = browser.get(location(authorize));
        HttpResponse<String> signedIn = browser.submit(page.body(), "/signin",
                Map.of("email", email, "password", PASSWORD), null);
        HttpResponse<String> consent = browser.get(location(signedIn));
        HttpResponse<String> done = consent;
        if (consentPage != null) {
            assertThat(consent.statusCode()).as("a consent page").isEqualTo(200);
            consentPage.accept(consent.body());
        }
        if (consent.statusCode() == 200) {
            done = browser.submit(consent.body(), "/consent", Map.of(), "approve");
        }
        return tokens(Browser.queryOf(location(done)).get("code"), pkce);
    }

    JsonNode userinfo(Api.Response tokens) throws Exception {
        Api.Response userinfo = api.get("/userinfo", tokens.json().get("access_token").asText());
        assertThat(userinfo.status()).isEqualTo(200);
        return userinfo.json();
    }

    @Test
    @DisplayName("OIDC Core §5.4: UserInfo releases every standard claim of the profile, email, address and phone "
            + "scopes the member filled in; empty ones are omitted, never null")
    void oidcCore_5_4_userinfoReleasesStandardClaimsByScope() throws Exception {
        JsonNode all = userinfo(codeFlow(SCOPES, null, null));
        assertThat(all.get("sub").asText()).isEqualTo(memberId);
        assertThat(all.get("given_name").asText()).isEqualTo("花子");
        assertThat(all.get("family_name").asText()).isEqualTo("山田");
        assertThat(all.get("nickname").asText()).isEqualTo("はなちゃん");
        assertThat(all.get("birthdate").asText()).isEqualTo("0000-04-01");
        assertThat(all.get("zoneinfo").asText()).isEqualTo("Asia/Tokyo");
        assertThat(all.get("locale").asText()).isEqualTo("ja-JP");
        assertThat(all.get("website").asText()).isEqualTo("https://hanako.example.jp/");
        assertThat(all.get("updated_at").isNumber()).as("§5.1: seconds since the epoch").isTrue();
        assertThat(all.get("updated_at").asLong()).isGreaterThan(1_700_000_000L);
        assertThat(all.get("phone_number").asText()).isEqualTo("+81 3-1234-5678");
        assertThat(all.get("phone_number_verified").asBoolean()).isFalse();
        JsonNode address = all.get("address");
        assertThat(address.get("formatted").asText()).isEqualTo("東京都千代田区千代田1-1");
        assertThat(address.get("street_address").asText()).isEqualTo("千代田1-1");
        assertThat(address.get("locality").asText()).isEqualTo("千代田区");
        assertThat(address.get("region").asText()).isEqualTo("東京都");
        assertThat(address.get("postal_code").asText()).isEqualTo("100-0001");
        assertThat(address.get("country").asText()).isEqualTo("Japan");
        assertThat(all.has("middle_name")).as("left empty: omitted").isFalse();
        assertThat(all.has("picture")).isFalse();
        assertThat(all.has("gender")).isFalse();
        all.fields().forEachRemaining(e -> assertThat(e.getValue().isNull()).as(e.getKey()).isFalse());

        JsonNode openidOnly = userinfo(codeFlow("openid", null, null));
        assertThat(openidOnly.has("given_name")).isFalse();
        assertThat(openidOnly.has("address")).isFalse();
        assertThat(openidOnly.has("email")).isFalse();
    }

    @Test
    @DisplayName("OIDC Core §5.5: a userinfo member claim beyond the scope is listed on the consent screen (essential "
            + "marked), released after approval, and recorded in the grant by name only")
    void oidcCore_5_5_userinfoMemberReleasesRequestedClaimAfterConsent() throws Exception {
        String claims = "{\"userinfo\":{\"name\":{\"essential\":true},\"given_name\":null,\"unknown_claim\":null}}";
        Api.Response tokens = codeFlow("openid", claims, page -> {
            assertThat(page).contains("data-claim=\"name\"").contains("data-claim=\"given_name\"")
                    .doesNotContain("unknown_claim");
            assertThat(page).contains("class=\"essential\"");
        });
        JsonNode userinfo = userinfo(tokens);
        assertThat(userinfo.get("name").asText()).isEqualTo("山田 花子");
        assertThat(userinfo.get("given_name").asText()).isEqualTo("花子");
        assertThat(userinfo.has("family_name")).as("not requested, profile scope not granted").isFalse();
        assertThat(userinfo.has("unknown_claim")).isFalse();
        assertThat(SignedJWT.parse(tokens.json().get("id_token").asText()).getJWTClaimsSet().getClaim("name"))
                .as("asked for at UserInfo, not in the ID token").isNull();

        List<String> approved = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE payloadtype LIKE '%.ClaimsApproved' AND convert_from(payload, 'UTF8') LIKE ?", String.class,
                "%" + client[0] + "%");
        assertThat(approved).singleElement().satisfies(e -> assertThat(e).contains("given_name")
                .doesNotContain("花子").doesNotContain("山田"));
    }

    @Test
    @DisplayName("OIDC Core §5.5: an id_token member claim beyond the scope is in the ID token after approval; "
            + "§5.5.1 a claim requested with a value the member's does not match is not released")
    void oidcCore_5_5_idTokenMemberReleasesRequestedClaimAndValueNarrows() throws Exception {
        String claims = "{\"id_token\":{\"birthdate\":null,\"zoneinfo\":{\"value\":\"Asia/Tokyo\"},"
                + "\"nickname\":{\"values\":[\"someone else\"]}},\"userinfo\":{\"family_name\":{\"value\":\"佐藤\"}}}";
        Api.Response tokens = codeFlow("openid email", claims, page ->
                assertThat(page).contains("data-claim=\"birthdate\"").contains("data-claim=\"nickname\""));
        JWTClaimsSet idToken = SignedJWT.parse(tokens.json().get("id_token").asText()).getJWTClaimsSet();
        assertThat(idToken.getStringClaim("birthdate")).isEqualTo("0000-04-01");
        assertThat(idToken.getStringClaim("zoneinfo")).isEqualTo("Asia/Tokyo");
        assertThat(idToken.getClaim("nickname")).as("value does not match").isNull();
        assertThat(idToken.getClaim("email")).as("covered by scope but not asked for in the ID token").isNull();
        JsonNode userinfo = userinfo(tokens);
        assertThat(userinfo.has("family_name")).as("value does not match").isFalse();
        assertThat(userinfo.has("birthdate")).as("asked for in the ID token only").isFalse();
        assertThat(userinfo.get("email").asText()).isEqualTo(email);
    }

    @Test
    @DisplayName("OIDC Core §5.4: response_type=id_token (no access token) puts the scope's claims in the ID token, "
            + "and the userinfo member's approved claims too")
    void oidcCore_5_4_idTokenWithoutAccessTokenCarriesScopeClaims() throws Exception {
        Browser browser = new Browser(issuer);
        HttpResponse<String> done = FrontChannel.signInAndApprove(browser, browser.get(authorize("id_token",
                "openid profile", "{\"userinfo\":{\"phone_number\":null}}", null)), email, PASSWORD);
        JWTClaimsSet idToken = SignedJWT.parse(fragmentOf(location(done)).get("id_token")).getJWTClaimsSet();
        assertThat(idToken.getStringClaim("given_name")).isEqualTo("花子");
        assertThat(idToken.getStringClaim("family_name")).isEqualTo("山田");
        assertThat(idToken.getStringClaim("locale")).isEqualTo("ja-JP");
        assertThat(idToken.getLongClaim("updated_at")).isNotNull();
        assertThat(idToken.getStringClaim("phone_number")).isEqualTo("+81 3-1234-5678");
        assertThat(idToken.getClaim("address")).as("address scope not granted").isNull();
        assertThat(idToken.getClaim("email")).isNull();
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.6 with §5.5: prompt=none with claims beyond the remembered consent is consent_required")
    void oidcCore_5_5_promptNoneWithClaimsBeyondScopeNeedsConsent() throws Exception {
        Browser browser = new Browser(issuer);
        Pkce pkce = Pkce.generate();
        FrontChannel.signInAndApprove(browser, browser.get(authorize("code", "openid", null, pkce)), email, PASSWORD);
        Map<String, String> error = Browser.queryOf(location(browser.get(authorize("code", "openid",
                "{\"userinfo\":{\"given_name\":null}}", Pkce.generate()) + "&prompt=none")));
        assertThat(error.get("error")).isEqualTo("consent_required");
        Map<String, String> ok = Browser.queryOf(location(browser.get(authorize("code", "openid",
                "{\"userinfo\":{\"unknown_claim\":null}}", Pkce.generate()) + "&prompt=none")));
        assertThat(ok).as("unknown claims are ignored").containsKey("code");
    }

    @Test
    @DisplayName("OIDC Discovery §3: claims_supported lists every standard claim; claims_parameter_supported is true")
    void oidcDiscovery_3_claimsSupportedListsStandardClaims() throws Exception {
        JsonNode metadata = api.get("/.well-known/openid-configuration", null).json();
        assertThat(metadata.get("claims_parameter_supported").asBoolean()).isTrue();
        List<String> supported = new java.util.ArrayList<>();
        metadata.get("claims_supported").forEach(n -> supported.add(n.asText()));
        assertThat(supported).contains("name", "given_name", "family_name", "middle_name", "nickname",
                "preferred_username", "profile", "picture", "website", "email", "email_verified", "gender",
                "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified", "address", "updated_at");
    }
}
