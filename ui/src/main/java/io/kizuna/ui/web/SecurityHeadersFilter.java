package io.kizuna.ui.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every response of the application, pages and endpoints alike, error responses
 * included. Headers are set before the chain runs, so an endpoint that needs a different value (a
 * framed OIDC check-session page, say) can still overwrite it with {@code setHeader}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class SecurityHeadersFilter extends OncePerRequestFilter {

    public static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    /**
     * The default policy. Nothing but our own origin may be loaded, no page may be framed (clickjacking
     * of the consent buttons) and {@code <base>} cannot re-root relative URLs.
     */
    public static final String CSP = "default-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /**
     * The policy of the sign-in and consent pages: the same without {@code form-action}. Chrome applies
     * {@code form-action} to every redirect that follows a form submission, and these forms end at the
     * client's redirect URI (consent POST → 303 → client; sign-in POST → 303 /consent → 303 → client when
     * consent was given before). Those URIs are of any origin and, for native apps, of private-use
     * schemes (RFC 8252 §7.1), which no source list can name in advance; {@code 'self' http: https:}
     * would still break native apps. The directive is not inherited from {@code default-src}, so it is
     * simply left out here; the pages render only escaped text and run no script, which is what an
     * attacker would need to retarget a form.
     */
    public static final String CSP_CLIENT_REDIRECTING_FORMS = "default-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";

    /**
     * {@code policy} with one more {@code img-src} source: the origin of a client's logo on the sign-in and
     * consent pages (OIDC DCR §2 {@code logo_uri}). Only {@code img-src} changes; {@code origins} must be
     * bare {@code scheme://host[:port]} values separated by single spaces ({@link ClientDisplay#logoOrigin}).
     */
    static String withImageSource(String policy, String origins) {
        if (!java.util.Arrays.stream(origins.split(" ", -1)).allMatch(SecurityHeadersFilter::isOrigin)) {
            throw new IllegalArgumentException("not an origin");
        }
        return policy.replace("img-src 'self' data:;", "img-src 'self' data: " + origins + ";");
    }

    /**
     * Whether {@code value} may be written into a CSP source list as it is: a bare http(s) origin — scheme,
     * host (name, IPv4 or [IPv6]) and optional port, nothing that could end the source list or the directive
     * (the logos' {@code img-src}, the front-channel logout frames' {@code frame-src}).
     */
    static boolean isOrigin(String value) {
        return value != null && ORIGIN.matcher(value).matches();
    }

    private static final java.util.regex.Pattern ORIGIN =
            java.util.regex.Pattern.compile("https?://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");

    /** One year, without includeSubDomains: the operator decides for the rest of the domain. */
    static final String HSTS = "max-age=31536000";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        applyHeaders(request, response);
        chain.doFilter(request, response);
    }

    /** The container resets headers before rendering an error page, so they are set again then. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
                                               FilterChain chain) throws ServletException, IOException {
        applyHeaders(request, response);
        chain.doFilter(request, response);
    }

    private static void applyHeaders(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(CONTENT_SECURITY_POLICY, CSP);
        if (request.isSecure()) {
            // RFC 6797 §7.2: HSTS sent over plain http is ignored anyway, and must not be relied on.
            response.setHeader("Strict-Transport-Security", HSTS);
        }
    }
}
