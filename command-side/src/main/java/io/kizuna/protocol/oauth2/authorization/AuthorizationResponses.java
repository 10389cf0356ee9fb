package io.kizuna.protocol.oauth2.authorization;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds authorization responses in the redirect URI's query (RFC 6749 §4.1.2, §4.1.2.1), keeping the
 * registered URI's own query, and always with the {@code iss} parameter (RFC 9207 §2).
 */
public final class AuthorizationResponses {
    private AuthorizationResponses() {
    }

    public static String code(String redirectUri, String code, String state, String issuer) {
        StringBuilder b = new StringBuilder(redirectUri);
        param(b, "code", code);
        return finish(b, state, issuer);
    }

    public static String error(String redirectUri, String error, String description, String state, String issuer) {
        StringBuilder b = new StringBuilder(redirectUri);
        param(b, "error", error);
        param(b, "error_description", description);
        return finish(b, state, issuer);
    }

    private static String finish(StringBuilder b, String state, String issuer) {
        if (state != null) {
            param(b, "state", state);
        }
        param(b, "iss", issuer);
        return b.toString();
    }

    private static void param(StringBuilder b, String name, String value) {
        b.append(b.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
