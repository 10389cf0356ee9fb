package io.kizuna.analytics.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Protects {@code /api/analytics/**} with a bearer token when {@code kizuna.analytics.api-token} is set
 * (RFC 6750 §3.1 challenge on failure). Unset, the API is open, as in the embedded demo; production
 * should set it (docs/operations.md). Only the token's SHA-256 is kept in memory. The analytics pages
 * ({@link AnalyticsPageAccess}) are protected by the same token.
 */
@Component
public class AnalyticsApiToken implements HandlerInterceptor, WebMvcConfigurer {
    static final String PATH = "/api/analytics/**";
    private final byte[] tokenHash;

    public AnalyticsApiToken(@Value("${kizuna.analytics.api-token:}") String token) {
        this.tokenHash = token == null || token.isBlank() ? null : sha256(token.strip());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns(PATH);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (tokenHash == null) {
            return true;
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(tokenHash, sha256(header.substring(7).strip()))) {
            return true;
        }
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", header == null ? "Bearer realm=\"kizuna-analytics\""
                : "Bearer realm=\"kizuna-analytics\", error=\"invalid_token\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"invalid_token\",\"error_description\":"
                + "\"the analytics API needs its bearer token\"}");
        return false;
    }

    /** Whether {@code kizuna.analytics.api-token} is set (the API and the pages are then protected). */
    public boolean configured() {
        return tokenHash != null;
    }

    /** Constant-time check of a presented token. */
    public boolean matches(String presented) {
        return tokenHash != null && presented != null && MessageDigest.isEqual(tokenHash, sha256(presented.strip()));
    }

    /**
     * The value of the analytics pages' cookie: HMAC-SHA-256 keyed with the token's hash over a fixed
     * label, so the cookie proves the token was presented without being the token (a leaked cookie does
     * not open the JSON API), and changing the token ends every page session.
     */
    public String pageCookieValue() {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(tokenHash, "HmacSHA256"));
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal("kizuna-analytics-pages".getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
