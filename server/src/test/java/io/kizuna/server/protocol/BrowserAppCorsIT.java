package io.kizuna.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The CORS protocol (Fetch Standard) for browser-based apps: public metadata to every origin; token,
 * revocation, PAR and UserInfo only to the origins of registered clients' redirect URIs, never with
 * credentials.
 */
@KizunaIntegrationTest
class BrowserAppCorsIT {
    @Value("${kizuna.issuer}")
    String issuer;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String spaOrigin;

    @BeforeEach
    void registerSpa() throws Exception {
        spaOrigin = "https://spa-" + UUID.randomUUID() + ".example.jp";
        Api.Response r = new Api(issuer).postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of(
                "client_name", "SPA " + spaOrigin, "redirect_uris", List.of(spaOrigin + "/callback"),
                "grant_types", List.of("authorization_code", "refresh_token"), "token_endpoint_auth_method", "none",
                "scope", "openid profile"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    }

    HttpResponse<String> preflight(String path, String origin, String method, String headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("OIDC Discovery §4 / RFC 8414 §3: metadata and the JWKS are readable from any origin")
    void requestWhenMetadataFromAnyOriginThenAllowedForAll() throws Exception {
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server",
                "/oauth2/jwks")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(issuer + path))
                    .header("Origin", "https://anyone.example.org").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(path).hasValue("*");
            assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        }
    }

    @Test
    @DisplayName("RFC 6749 §3.2 / RFC 9449 §4.1: a registered app's origin may send a DPoP token request; no credentials")
    void requestWhenPreflightFromRegisteredOriginThenAllowed() throws Exception {
        HttpResponse<String> r = preflight("/oauth2/token", spaOrigin, "POST", "content-type, dpop");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(spaOrigin);
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("Content-Type", "DPoP", "Authorization");
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(r.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
    }

    @Test
    @DisplayName("Fetch CORS: an origin no client registered is refused at preflight, without CORS headers")
    void requestWhenPreflightFromUnknownOriginThenRefused() throws Exception {
        for (String origin : List.of("https://evil-" + UUID.randomUUID() + ".example.org", "null",
                spaOrigin + ".evil.example.org")) {
            HttpResponse<String> r = preflight("/oauth2/token", origin, "POST", "content-type");
            assertThat(r.statusCode()).as(origin).isEqualTo(403);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
        }
    }

    @Test
    @DisplayName("RFC 6749 §5.2 / RFC 9449 §8: error answers are readable by the app, with DPoP-Nonce and WWW-Authenticate exposed")
    void requestWhenTokenErrorFromRegisteredOriginThenReadable() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Origin", spaOrigin).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isIn(400, 401);
        assertThat(r.body()).contains("\"error\"");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(spaOrigin);
        assertThat(r.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("DPoP-Nonce", "WWW-Authenticate");
    }

    @Test
    @DisplayName("OIDC Core §5.3 / RFC 6750 §3: UserInfo answers a registered origin, 401 with a readable WWW-Authenticate; others get no CORS headers")
    void requestWhenUserInfoFromOriginsThenOnlyRegisteredAllowed() throws Exception {
        HttpResponse<String> mine = http.send(HttpRequest.newBuilder(URI.create(issuer + "/userinfo"))
                .header("Origin", spaOrigin).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(mine.statusCode()).isEqualTo(401);
        assertThat(mine.headers().firstValue("Access-Control-Allow-Origin")).hasValue(spaOrigin);
        assertThat(mine.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(mine.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .as("FAPI 1.0 Baseline §6.2.1 item 11: the app can read the interaction id").contains("x-fapi-interaction-id");
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(issuer + "/userinfo"))
                .header("Origin", "https://other-" + UUID.randomUUID() + ".example.org").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    @DisplayName("RFC 6749 §3.1: the authorization endpoint is a navigation, never a cross-origin fetch")
    void requestWhenAuthorizationEndpointThenNoCorsHeaders() throws Exception {
        HttpResponse<String> r = preflight("/oauth2/authorize", spaOrigin, "GET", null);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
