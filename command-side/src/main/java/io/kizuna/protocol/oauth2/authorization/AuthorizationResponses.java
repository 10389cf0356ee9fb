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
        param(b, "error_description", io.kizuna.protocol.oauth2.error.OAuthErrors.description(description));
        return finish(b, state, issuer);
    }

    /**
     * RFC 6749 §4.2.2: the implicit grant's access token in the fragment (never the query, so it does not
     * reach the client's server or logs), no refresh token; with {@code state} and {@code iss}.
     */
    public static String token(String redirectUri, String accessToken, long expiresIn, String scope, String state,
                               String issuer) {
        StringBuilder f = new StringBuilder();
        fragment(f, "access_token", accessToken);
        fragment(f, "token_type", "Bearer");
        fragment(f, "expires_in", Long.toString(expiresIn));
        fragment(f, "scope", scope);
        if (state != null) {
            fragment(f, "state", state);
        }
        fragment(f, "iss", issuer);
        return redirectUri + "#" + f;
    }

    /** RFC 6749 §4.2.2.1: errors of an implicit-grant request go in the fragment too. */
    public static String error(String redirectUri, String error, String description, String state, String issuer,
                               boolean inFragment) {
        if (!inFragment) {
            return error(redirectUri, error, description, state, issuer);
        }
        StringBuilder f = new StringBuilder();
        fragment(f, "error", error);
        fragment(f, "error_description", io.kizuna.protocol.oauth2.error.OAuthErrors.description(description));
        if (state != null) {
            fragment(f, "state", state);
        }
        fragment(f, "iss", issuer);
        return redirectUri + "#" + f;
    }

    private static void fragment(StringBuilder f, String name, String value) {
        if (!f.isEmpty()) {
            f.append('&');
        }
        f.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
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
