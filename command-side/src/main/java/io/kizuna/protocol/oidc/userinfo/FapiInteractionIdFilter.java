package io.kizuna.protocol.oidc.userinfo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * FAPI 1.0 Part 1 (Baseline) §6.2.1 item 11 for Kizuna's protected resource, the UserInfo endpoint: every
 * response carries {@code x-fapi-interaction-id} — the value of the client's request header (§6.2.2 item 5)
 * when that is an RFC 4122 UUID, otherwise a fresh random UUID — so the client can correlate its call with
 * the server's. Anything that is not a UUID is never echoed (no header injection, nothing of the client's
 * reflected beyond 36 hex-and-dash characters). Set before the endpoint runs, so error responses (401
 * {@code invalid_token}, 403 {@code insufficient_scope}) carry it too. FAPI 2.0 implementers' advice (FAPI2
 * Implementation Advice §2.1.1) asks for the same header.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 25)
public class FapiInteractionIdFilter extends OncePerRequestFilter {
    public static final String HEADER = "x-fapi-interaction-id";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !UserInfoEndpoint.PATH.equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, interactionId(request.getHeader(HEADER)));
        chain.doFilter(request, response);
    }

    /** The client's value when it is a UUID in RFC 4122's textual form (any case), else a new random UUID. */
    static String interactionId(String requested) {
        if (requested != null && requested.length() == 36) {
            try {
                UUID parsed = UUID.fromString(requested);
                if (parsed.toString().equals(requested.toLowerCase(Locale.ROOT))) {
                    return requested;
                }
            } catch (IllegalArgumentException e) {
                // not a UUID: answer with our own
            }
        }
        return UUID.randomUUID().toString();
    }
}
