package io.kizuna.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** Drives authorize → sign-in → consent like a browser and returns the authorization response. */
public final class CodeFlow {
    private CodeFlow() {
    }

    public record Result(String code, String verifier, String state, Map<String, String> response) {
        Result with(Map<String, String> response) {
            return new Result(response.get("code"), verifier, state, response);
        }
    }

    public static Result run(String issuer, String clientId, String redirectUri, String email, String password,
                             String scope) throws Exception {
        return run(issuer, clientId, redirectUri, email, password, scope, "");
    }

    /** @param extraQuery more authorization request parameters, already encoded, e.g. {@code &dpop_jkt=…} */
    public static Result run(String issuer, String clientId, String redirectUri, String email, String password,
                             String scope, String extraQuery) throws Exception {
        Browser browser = new Browser(issuer);
        Pkce pkce = Pkce.generate();
        String state = UUID.randomUUID().toString();
        HttpResponse<String> authorize = browser.get("/oauth2/authorize?response_type=code&client_id=" + clientId
                + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8) + "&state=" + state
                + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256" + extraQuery);
        return new Result(null, pkce.verifier(), state, null).with(complete(browser, authorize, email, password));
    }

    /**
     * Signs in and consents after an authorization request already sent ({@code authorize} is its 302 to
     * sign-in) and returns the parameters of the redirect back to the client.
     */
    public static Map<String, String> complete(Browser browser, HttpResponse<String> authorize, String email,
                                               String password) throws Exception {
        assertThat(authorize.statusCode()).as(authorize.headers().map().toString()).isEqualTo(302);
        HttpResponse<String> page = browser.get(authorize.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> signedIn = browser.submit(page.body(), "/signin",
                Map.of("email", email, "password", password), null);
        HttpResponse<String> consent = browser.get(signedIn.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> approved = consent.statusCode() == 200
                ? browser.submit(consent.body(), "/consent", Map.of(), "approve") : consent;
        return Browser.queryOf(approved.headers().firstValue("Location").orElseThrow());
    }
}
