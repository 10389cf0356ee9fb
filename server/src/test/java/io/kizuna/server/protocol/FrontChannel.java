package io.kizuna.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Browser;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Drives a parked authorization request through sign-in and consent and reads the response in any mode. */
final class FrontChannel {
    private FrontChannel() {
    }

    /** From the authorization endpoint's redirect to sign-in, to the response to the client (302 or form_post page). */
    static HttpResponse<String> signInAndApprove(Browser browser, HttpResponse<String> authorize, String email,
                                                 String password) throws Exception {
        assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
        String next = authorize.headers().firstValue("Location").orElseThrow();
        assertThat(next).as("parked, not answered at once").startsWith("/signin?request=");
        HttpResponse<String> page = browser.get(next);
        HttpResponse<String> signedIn = browser.submit(page.body(), "/signin",
                Map.of("email", email, "password", password), null);
        HttpResponse<String> consent = browser.get(signedIn.headers().firstValue("Location").orElseThrow());
        return consent.statusCode() == 200 ? browser.submit(consent.body(), "/consent", Map.of(), "approve") : consent;
    }

    static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    static Map<String, String> fragmentOf(String location) {
        return pairs(URI.create(location).getRawFragment());
    }

    static Map<String, String> pairs(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The hidden inputs of a form_post page (OAuth 2.0 Form Post Response Mode §2). */
    static Map<String, String> formPostFields(HttpResponse<String> page) {
        return Browser.hiddenFields(page.body());
    }
}
