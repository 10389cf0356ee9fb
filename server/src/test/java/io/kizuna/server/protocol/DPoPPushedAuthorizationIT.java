package io.kizuna.server.protocol;

import static io.kizuna.server.protocol.ProtocolErrorsIT.assertOAuthError;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * RFC 9449 §10.1: a DPoP proof sent to the pushed authorization request endpoint (RFC 9126) binds the
 * authorization code to the proof's key, as {@code dpop_jkt} would; a {@code dpop_jkt} that names another
 * key is refused there. The code can then be redeemed only with a proof by that key (the OpenID
 * Foundation's FAPI 2.0 plan checks both).
 */
@KizunaIntegrationTest
class DPoPPushedAuthorizationIT {
    static final String REDIRECT = "https://par-dpop.example.jp/cb";
    static final String PASSWORD = "correct horse battery staple 9449";

    @Value("${kizuna.issuer}")
    String issuer;

    Api api;
    String[] client;
    String email;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        client = api.registerWebClient(REDIRECT);
        email = "par-dpop-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "PAR DPoP Tester");
    }

    Api.Response push(Map<String, String> form, String proof) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/par"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Api.basic(client[0], client[1]));
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return api.send(request.POST(HttpRequest.BodyPublishers.ofString(Browser.encode(form))).build());
    }

    Api.Response token(Map<String, String> form, String proof) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", Api.basic(client[0], client[1]));
        if (proof != null) {
            request.header("DPoP", proof);
        }
        return api.send(request.POST(HttpRequest.BodyPublishers.ofString(Browser.encode(form))).build());
    }

    Map<String, String> request(Pkce pkce) {
        return new HashMap<>(Map.of("response_type", "code", "redirect_uri", REDIRECT, "scope", "openid",
                "state", "st-" + UUID.randomUUID(), "nonce", "n-" + UUID.randomUUID(),
                "code_challenge", pkce.challenge(), "code_challenge_method", "S256"));
    }

    @Test
    @DisplayName("RFC 9449 §10.1: a DPoP proof at the PAR endpoint binds the code; another key's proof, or none, is invalid_grant at the token endpoint")
    void pushWhenDpopProofThenCodeBoundToItsKey() throws Exception {
        DPoPIT.DPoPKey key = DPoPIT.DPoPKey.generate();
        Pkce pkce = Pkce.generate();
        Api.Response pushed = push(request(pkce), key.proof("POST", issuer + "/oauth2/par", c -> { }));
        assertThat(pushed.status()).as(pushed.raw().body()).isEqualTo(201);

        Browser browser = new Browser(issuer);
        Map<String, String> response = CodeFlow.complete(browser, browser.get("/oauth2/authorize?client_id="
                + client[0] + "&request_uri=" + URLEncoder.encode(pushed.json().get("request_uri").asText(),
                StandardCharsets.UTF_8)), email, PASSWORD);
        Map<String, String> redeem = Map.of("grant_type", "authorization_code", "code", response.get("code"),
                "redirect_uri", REDIRECT, "code_verifier", pkce.verifier());
        String tokenUri = issuer + "/oauth2/token";
        assertOAuthError(token(redeem, DPoPIT.DPoPKey.generate().proof("POST", tokenUri, c -> { })), 400,
                "invalid_grant");
        assertOAuthError(token(redeem, null), 400, "invalid_grant");
        Api.Response tokens = token(redeem, key.proof("POST", tokenUri, c -> { }));
        assertThat(tokens.status()).as(tokens.raw().body()).isEqualTo(200);
        assertThat(tokens.json().get("token_type").asText()).isEqualTo("DPoP");
    }

    @Test
    @DisplayName("RFC 9449 §10.1: dpop_jkt naming another key than the PAR request's DPoP proof is invalid_dpop_proof; a broken proof too")
    void pushWhenDpopJktDiffersFromProofThenRefused() throws Exception {
        DPoPIT.DPoPKey key = DPoPIT.DPoPKey.generate();
        Map<String, String> form = request(Pkce.generate());
        form.put("dpop_jkt", DPoPIT.DPoPKey.generate().jkt());
        assertOAuthError(push(form, key.proof("POST", issuer + "/oauth2/par", c -> { })), 400, "invalid_dpop_proof");
        // a proof for another endpoint (htu) is not a proof for this request (RFC 9449 §4.3 check 9)
        assertOAuthError(push(request(Pkce.generate()), key.proof("POST", issuer + "/oauth2/token", c -> { })), 400,
                "invalid_dpop_proof");
        // the same key named both ways is fine
        Map<String, String> agreeing = request(Pkce.generate());
        agreeing.put("dpop_jkt", key.jkt());
        Api.Response ok = push(agreeing, key.proof("POST", issuer + "/oauth2/par", c -> { }));
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(201);
    }
}
