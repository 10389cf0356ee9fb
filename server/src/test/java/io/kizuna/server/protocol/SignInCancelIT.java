package io.kizuna.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * RFC 6749 §4.1.2.1 and OIDC Core §3.1.2.6: "Cancel" on the sign-in page of an authorization request sends
 * the browser back to the client with {@code error=access_denied}, its {@code state} and {@code iss}
 * (RFC 9207); the request is spent. (The OpenID Foundation's FAPI 2.0 plan has the tester press cancel on
 * the login screen in {@code user-rejects-authentication}.)
 */
@KizunaIntegrationTest
class SignInCancelIT {
    static final String REDIRECT = "https://rp-cancel.example.jp/cb";

    @Value("${kizuna.issuer}")
    String issuer;

    @Test
    @DisplayName("RFC 6749 §4.1.2.1: cancelling the sign-in redirects with error=access_denied, state and iss; the request cannot be used again")
    void cancelWhenSignInPageThenAccessDeniedToClient() throws Exception {
        String[] client = new Api(issuer).registerWebClient(REDIRECT);
        String state = "st-" + UUID.randomUUID();
        Browser browser = new Browser(issuer);
        HttpResponse<String> authorize = browser.get("/oauth2/authorize?response_type=code&client_id=" + client[0]
                + "&redirect_uri=" + FrontChannel.enc(REDIRECT) + "&scope=openid&state=" + state + "&nonce=n1"
                + "&code_challenge=" + Pkce.generate().challenge() + "&code_challenge_method=S256");
        assertThat(authorize.statusCode()).isEqualTo(302);
        HttpResponse<String> page = browser.get(FrontChannel.location(authorize));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"signin-cancel\"");

        HttpResponse<String> cancelled = browser.submit(page.body(), "/signin/cancel", Map.of(), "signin-cancel");
        assertThat(cancelled.statusCode()).isIn(302, 303);
        String location = FrontChannel.location(cancelled);
        assertThat(location).startsWith(REDIRECT + "?");
        assertThat(Browser.queryOf(location)).containsEntry("error", "access_denied").containsEntry("state", state)
                .containsEntry("iss", issuer);

        HttpResponse<String> again = browser.submit(page.body(), "/signin/cancel", Map.of(), "signin-cancel");
        assertThat(again.statusCode()).as("the request is spent").isEqualTo(400);
    }

    @Test
    @DisplayName("a sign-in page that belongs to no authorization request has no cancel button")
    void signInPageWithoutRequestHasNoCancel() throws Exception {
        HttpResponse<String> page = new Browser(issuer).get("/signin");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("signin-cancel");
    }
}
