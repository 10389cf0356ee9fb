package io.kizuna.protocol.cors;

import io.kizuna.protocol.oauth2.par.PushedAuthorizationRequestEndpoint;
import io.kizuna.protocol.oauth2.revocation.RevocationEndpoint;
import io.kizuna.protocol.oauth2.token.TokenEndpoint;
import io.kizuna.protocol.oidc.discovery.DiscoveryEndpoint;
import io.kizuna.protocol.oidc.userinfo.UserInfoEndpoint;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-origin access (Fetch Standard, CORS protocol) for the endpoints a browser app calls itself:
 * <ul>
 *   <li>metadata that is public anyway — discovery (OIDC Discovery 1.0 §4, RFC 8414 §3) and the JWKS — to
 *       every origin ({@code *});</li>
 *   <li>the token (RFC 6749 §3.2), revocation (RFC 7009 §2), PAR (RFC 9126 §2) and UserInfo (OIDC Core §5.3)
 *       endpoints only to the origins of registered clients' redirect URIs ({@link BrowserOrigins}), with the
 *       request headers those calls need ({@code Authorization}, {@code DPoP}, RFC 9449 §4.1) and the response
 *       headers a client must read ({@code DPoP-Nonce}, RFC 9449 §8; {@code WWW-Authenticate}, RFC 6750 §3;
 *       {@code x-fapi-interaction-id}, FAPI 1.0 Baseline §6.2.1 item 11).</li>
 * </ul>
 * Credentials (cookies) are never allowed: none of these endpoints uses the member's session, so a browser
 * app authenticates with what it holds (PKCE verifier, DPoP key, access token). The authorization and
 * end-session endpoints are navigations, not fetches, and get no CORS headers. A preflight from any other
 * origin is refused with 403 and no CORS headers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ProtocolCorsFilter extends OncePerRequestFilter {
    static final String ALLOWED_REQUEST_HEADERS = "Authorization, Content-Type, DPoP";
    static final String EXPOSED_HEADERS = "DPoP-Nonce, WWW-Authenticate, x-fapi-interaction-id";
    static final String MAX_AGE_SECONDS = "600";

    private static final Set<String> PUBLIC_METADATA = Set.of("/.well-known/openid-configuration",
            "/.well-known/oauth-authorization-server", DiscoveryEndpoint.JWKS_PATH);
    private static final Map<String, String> CLIENT_ENDPOINTS = Map.of(
            TokenEndpoint.PATH, "POST",
            RevocationEndpoint.PATH, "POST",
            PushedAuthorizationRequestEndpoint.PATH, "POST",
            UserInfoEndpoint.PATH, "GET, POST");

    private final BrowserOrigins origins;

    public ProtocolCorsFilter(BrowserOrigins origins) {
        this.origins = origins;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return request.getHeader(HttpHeaders.ORIGIN) == null
                || !(PUBLIC_METADATA.contains(path) || CLIENT_ENDPOINTS.containsKey(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        if (PUBLIC_METADATA.contains(path)) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            if (preflight) {
                response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET");
                response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        boolean allowed = origins.registered(origin);
        if (preflight) {
            if (!allowed) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, CLIENT_ENDPOINTS.get(path));
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_REQUEST_HEADERS);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (allowed) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS);
        }
        chain.doFilter(request, response);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
