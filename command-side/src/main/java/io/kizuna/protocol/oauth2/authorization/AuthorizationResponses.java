package io.kizuna.protocol.oauth2.authorization;

import io.kizuna.api.authorization.AuthorizationRequestService.ClientResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.HtmlUtils;

/**
 * Builds authorization responses (RFC 6749 §4.1.2, §4.1.2.1, §4.2.2, §4.2.2.1; OIDC Core §3.2.2.5, §3.3.2.5)
 * in the request's response mode, always with the {@code iss} parameter (RFC 9207 §2):
 * <ul>
 *   <li>{@code query} (Multiple Response Types §2.1): in the redirect URI's query, keeping the
 *       registered URI's own query;</li>
 *   <li>{@code fragment}: in the fragment, so token values never reach the client's server or logs;</li>
 *   <li>{@code form_post} (OAuth 2.0 Form Post Response Mode §2): an HTML form that posts the values to
 *       the redirect URI and submits itself; never stored ({@code no-store}), its only script allowed by
 *       hash (CSP {@code script-src}), and a button for browsers without script;</li>
 *   <li>{@code query.jwt}, {@code fragment.jwt}, {@code form_post.jwt} (JARM §2.3.1–§2.3.3): the same three
 *       ways, carrying one parameter, {@code response}, the JWT of {@link JwtResponses} (the issuer is its
 *       {@code iss} claim, so no separate {@code iss} parameter); {@code jwt} (§2.3.4) is
 *       {@code query.jwt} for {@code code} and {@code fragment.jwt} for types that return tokens.</li>
 * </ul>
 */
public final class AuthorizationResponses {
    public static final String QUERY = "query";
    public static final String FRAGMENT = "fragment";
    public static final String FORM_POST = "form_post";
    /** JARM §2.3. */
    public static final String QUERY_JWT = "query.jwt";
    public static final String FRAGMENT_JWT = "fragment.jwt";
    public static final String FORM_POST_JWT = "form_post.jwt";
    public static final String JWT = "jwt";
    /** Every supported {@code response_mode}, as discovery lists them (OIDC Discovery §3, JARM §4). */
    public static final List<String> MODES = List.of(QUERY, FRAGMENT, FORM_POST, QUERY_JWT, FRAGMENT_JWT,
            FORM_POST_JWT, JWT);

    static final String AUTO_SUBMIT = "document.forms[0].submit();";
    static final String AUTO_SUBMIT_HASH = "sha256-" + sha256Base64(AUTO_SUBMIT);

    private AuthorizationResponses() {
    }

    /** The response with {@code params} (in order), then {@code state} when sent and {@code iss}. */
    public static ClientResponse respond(String redirectUri, String mode, Map<String, String> params, String state,
                                         String issuer) {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (state != null) {
            all.put("state", state);
        }
        all.put("iss", issuer);
        return switch (mode) {
            case FRAGMENT -> ClientResponse.redirect(redirectUri + "#" + encode(all));
            case FORM_POST -> formPost(redirectUri, all);
            default -> ClientResponse.redirect(query(redirectUri, all));
        };
    }

    /** Whether {@code mode} is one of JARM's (§2.3): the response is a JWT. */
    public static boolean isJwt(String mode) {
        return mode != null && (JWT.equals(mode) || mode.endsWith(".jwt"));
    }

    /**
     * The mode a response is sent in: {@code jwt} becomes {@code query.jwt} or {@code fragment.jwt} by the
     * response type (JARM §2.3.4); any other value stays as it is.
     */
    public static String resolve(String mode, ResponseType type) {
        if (!JWT.equals(mode)) {
            return mode;
        }
        return type.frontChannelTokens() ? FRAGMENT_JWT : QUERY_JWT;
    }

    /**
     * JARM §2.3.1–§2.3.3: the response JWT as the one parameter {@code response}, in the query, the fragment
     * or a form_post page, by the (resolved) JWT mode.
     */
    public static ClientResponse respondWithJwt(String redirectUri, String mode, String responseJwt) {
        Map<String, String> params = Map.of("response", responseJwt);
        return switch (mode) {
            case FRAGMENT_JWT -> ClientResponse.redirect(redirectUri + "#" + encode(params));
            case FORM_POST_JWT -> formPost(redirectUri, params);
            case QUERY_JWT -> ClientResponse.redirect(query(redirectUri, params));
            default -> throw new IllegalArgumentException("not a resolved JWT response mode: " + mode);
        };
    }

    /** An error (RFC 6749 §4.1.2.1, §4.2.2.1; OIDC Core §3.1.2.6) in the given mode. */
    public static ClientResponse error(String redirectUri, String mode, String error, String description,
                                       String state, String issuer) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", io.kizuna.protocol.oauth2.error.OAuthErrors.description(description));
        return respond(redirectUri, mode, params, state, issuer);
    }

    /** RFC 6749 §4.1.2: the code in the query. */
    public static String code(String redirectUri, String code, String state, String issuer) {
        return respond(redirectUri, QUERY, Map.of("code", code), state, issuer).location();
    }

    public static String error(String redirectUri, String error, String description, String state, String issuer) {
        return error(redirectUri, QUERY, error, description, state, issuer).location();
    }

    private static String query(String redirectUri, Map<String, String> params) {
        StringBuilder b = new StringBuilder(redirectUri);
        params.forEach((name, value) -> b.append(b.indexOf("?") < 0 ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return b.toString();
    }

    private static String encode(Map<String, String> params) {
        StringBuilder f = new StringBuilder();
        params.forEach((name, value) -> {
            if (!f.isEmpty()) {
                f.append('&');
            }
            f.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return f.toString();
    }

    /**
     * Form Post Response Mode §2: {@code application/x-www-form-urlencoded} values POSTed to the redirect
     * URI by an auto-submitting form; §3 (the spec's example) shows the page. The policy allows nothing
     * but that one script (by hash). It has no {@code form-action}: browsers apply it to the redirects the
     * client's server answers the POST with too (see the UI's SecurityHeadersFilter for the same choice),
     * and the page holds only escaped values.
     */
    static ClientResponse formPost(String redirectUri, Map<String, String> params) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>Submit this form / 送信してください</title>"
                + "</head><body><form method=\"post\" action=\"").append(HtmlUtils.htmlEscape(redirectUri))
                .append("\">");
        params.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"")
                .append(HtmlUtils.htmlEscape(name)).append("\" value=\"").append(HtmlUtils.htmlEscape(value))
                .append("\">"));
        html.append("<noscript><p>JavaScript is off: press the button to continue. / JavaScript が無効です。"
                        + "ボタンを押して続けてください。</p><button type=\"submit\">Continue / 続ける</button></noscript>"
                        + "</form><script>").append(AUTO_SUBMIT).append("</script></body></html>");
        String csp = "default-src 'none'; script-src '" + AUTO_SUBMIT_HASH + "'; base-uri 'none'; "
                + "frame-ancestors 'none'";
        return new ClientResponse(null, html.toString(), csp);
    }

    private static String sha256Base64(String value) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
