package io.kizuna.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The account console's "withdraw access": every token of the app stops working at once
 * (introspection inactive, refresh refused), the app disappears from the list, the next
 * authorization asks for consent again, and the ledger records why.
 */
@KizunaIntegrationTest
class ConsentRevocationIT {
    static final String REDIRECT = "https://revoke.example.jp/cb";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("withdrawing consent in /account revokes every grant of that app for the member, at once")
    void requestWhenMemberWithdrawsConsentThenEveryTokenStopsAndConsentIsAskedAgain() throws Exception {
        Api api = new Api(issuer);
        String[] client = api.registerWebClient(REDIRECT);
        String email = "revoke-" + UUID.randomUUID() + "@example.jp";
        String memberId = api.registerMember(email, "a long enough password", "Revoker");
        Browser browser = new Browser(issuer);

        Map<String, String> first = authorize(browser, client[0], true, email);
        Map<String, String> second = authorize(browser, client[0], false, null);
        String[] tokens1 = redeem(api, client, first);
        String[] tokens2 = redeem(api, client, second);
        assertThat(active(api, client, tokens1[0])).isTrue();
        assertThat(active(api, client, tokens2[0])).isTrue();

        HttpResponse<String> account = browser.get("/account");
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains("data-client-id=\"" + client[0] + "\"");
        HttpResponse<String> revoked = browser.submit(account.body(), "/account/apps/" + client[0] + "/revoke",
                Map.of(), null);
        assertThat(revoked.statusCode()).isEqualTo(303);

        assertThat(active(api, client, tokens1[0])).isFalse();
        assertThat(active(api, client, tokens2[0])).isFalse();
        assertThat(active(api, client, tokens2[1])).isFalse();
        Api.Response refresh = api.postForm("/oauth2/token", client[0], client[1],
                Map.of("grant_type", "refresh_token", "refresh_token", tokens2[1]));
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(refresh.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(browser.get("/account").body()).doesNotContain("data-client-id=\"" + client[0] + "\"");

        // consent is asked again: the consent page is shown instead of an immediate redirect
        HttpResponse<String> again = browser.get(startAuthorization(browser, client[0], Pkce.generate()));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("id=\"approve\"");

        assertThat(jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber", String.class, memberId + "/" + client[0]))
                .extracting(t -> t.substring(t.lastIndexOf('.') + 1))
                .containsExactly("ConsentGranted", "ConsentRevoked");
        List<String> reasons = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE payloadtype LIKE '%GrantRevoked' AND convert_from(payload, 'UTF8') LIKE ?", String.class,
                "%" + memberId + "%");
        assertThat(reasons).hasSize(2).allMatch(p -> p.contains("consent_revoked"));
    }

    private Map<String, String> authorize(Browser browser, String clientId, boolean signIn, String email)
            throws Exception {
        Pkce pkce = Pkce.generate();
        HttpResponse<String> page = browser.get(startAuthorization(browser, clientId, pkce));
        if (signIn) {
            HttpResponse<String> signedIn = browser.submit(page.body(), "/signin",
                    Map.of("email", email, "password", "a long enough password"), null);
            page = browser.get(signedIn.headers().firstValue("Location").orElseThrow());
        }
        HttpResponse<String> decided = page.statusCode() == 200
                ? browser.submit(page.body(), "/consent", Map.of(), "approve") : page;
        Map<String, String> response = new java.util.HashMap<>(
                Browser.queryOf(decided.headers().firstValue("Location").orElseThrow()));
        response.put("code_verifier", pkce.verifier());
        return response;
    }

    private String startAuthorization(Browser browser, String clientId, Pkce pkce) throws Exception {
        HttpResponse<String> r = browser.get("/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&scope=openid%20email&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256");
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static String[] redeem(Api api, String[] client, Map<String, String> response) throws Exception {
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", response.get("code"), "redirect_uri", REDIRECT,
                "code_verifier", response.get("code_verifier")));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        return new String[] {tokens.json().get("access_token").asText(), tokens.json().get("refresh_token").asText()};
    }

    private static boolean active(Api api, String[] client, String token) throws Exception {
        return api.postForm("/oauth2/introspect", client[0], client[1], Map.of("token", token)).json()
                .get("active").asBoolean();
    }
}
