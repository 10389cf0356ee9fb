package io.kizuna.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.Pkce;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Clients with logout metadata, signed-in browsers and their ID tokens, for the logout ITs. */
final class LogoutSupport {
    static final String PASSWORD = "a long enough password";
    static final String REDIRECT = "https://rp.example.jp/cb";

    private LogoutSupport() {
    }

    /** A confidential web client (admin API) with the given logout metadata; returns [client_id, secret]. */
    static String[] registerClient(Api api, List<String> postLogoutRedirectUris, String backchannelLogoutUri,
                                   String idTokenAlg) throws Exception {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("client_name", "Logout RP " + UUID.randomUUID());
        metadata.put("redirect_uris", List.of(REDIRECT));
        metadata.put("grant_types", List.of("authorization_code", "refresh_token"));
        metadata.put("scope", "openid profile offline_access");
        if (postLogoutRedirectUris != null) {
            metadata.put("post_logout_redirect_uris", postLogoutRedirectUris);
        }
        if (backchannelLogoutUri != null) {
            metadata.put("backchannel_logout_uri", backchannelLogoutUri);
            metadata.put("backchannel_logout_session_required", true);
        }
        if (idTokenAlg != null) {
            metadata.put("id_token_signed_response_alg", idTokenAlg);
        }
        Api.Response r = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, metadata);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return new String[] {r.json().get("client_id").asText(), r.json().get("client_secret").asText()};
    }

    static String newMember(Api api, String prefix) throws Exception {
        String email = prefix + "-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Logout Tester");
        return email;
    }

    static Browser signedIn(String issuer, String email) throws Exception {
        Browser browser = new Browser(issuer);
        HttpResponse<String> page = browser.get("/signin");
        HttpResponse<String> signedIn = browser.submit(page.body(), "/signin",
                Map.of("email", email, "password", PASSWORD), null);
        assertThat(signedIn.statusCode()).isIn(302, 303);
        return browser;
    }

    /** RFC 6749 §4.1 in a browser that is already signed in: consent, code, tokens (with the ID token). */
    static JsonNode tokens(Api api, Browser browser, String[] client, String scope) throws Exception {
        Pkce pkce = Pkce.generate();
        HttpResponse<String> authorize = browser.get("/oauth2/authorize?response_type=code&client_id=" + client[0]
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope="
                + URLEncoder.encode(scope, StandardCharsets.UTF_8) + "&state=s&nonce=n&code_challenge="
                + pkce.challenge() + "&code_challenge_method=S256");
        String location = authorize.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> consent = browser.get(location);
        HttpResponse<String> answer = consent.statusCode() == 200
                ? browser.submit(consent.body(), "/consent", Map.of(), "approve") : consent;
        location = answer.headers().firstValue("Location").orElseThrow();
        String code = Browser.queryOf(location).get("code");
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", pkce.verifier()));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        return tokens.json();
    }

    static JWTClaimsSet claims(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getJWTClaimsSet();
    }

    static String idToken(Api api, Browser browser, String[] client) throws Exception {
        return tokens(api, browser, client, "openid profile").get("id_token").asText();
    }
}
