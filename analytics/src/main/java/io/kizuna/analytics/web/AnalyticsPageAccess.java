package io.kizuna.analytics.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may see the analytics pages ({@code /analytics/**}). With {@code kizuna.analytics.api-token} unset
 * (the embedded demo) they are open, like the API. With it set, a browser signs in once at
 * {@code /analytics/sign-in} by entering that token and gets {@value #COOKIE}: HttpOnly, SameSite=Strict,
 * path {@code /analytics}, 8 hours, Secure unless {@code kizuna.secure-cookies=false}; its value is an
 * HMAC derived from the token, never the token. Scripts may send {@code Authorization: Bearer <token>}
 * instead. Anything else is redirected (303) to the sign-in page.
 */
@Component
public class AnalyticsPageAccess implements HandlerInterceptor, WebMvcConfigurer {
    public static final String COOKIE = "KIZUNA_ANALYTICS";
    static final String SIGN_IN = "/analytics/sign-in";
    private static final long MAX_AGE_SECONDS = 8 * 3600;
    private final AnalyticsApiToken token;
    private final boolean secureCookies;

    public AnalyticsPageAccess(AnalyticsApiToken token, @Value("${kizuna.secure-cookies:true}") boolean secureCookies) {
        this.token = token;
        this.secureCookies = secureCookies;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/analytics", "/analytics/**").excludePathPatterns(SIGN_IN);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (allowed(request)) {
            return true;
        }
        response.setStatus(303);
        response.setHeader("Location", request.getContextPath() + SIGN_IN);
        response.setHeader("Cache-Control", "no-store");
        return false;
    }

    boolean required() {
        return token.configured();
    }

    boolean allowed(HttpServletRequest request) {
        if (!token.configured()) {
            return true;
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && token.matches(header.substring(7))) {
            return true;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            byte[] expected = token.pageCookieValue().getBytes(StandardCharsets.US_ASCII);
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName()) && c.getValue() != null
                        && MessageDigest.isEqual(expected, c.getValue().getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return whether the token was right (then the cookie is set) */
    boolean signIn(String presented, HttpServletResponse response) {
        if (!token.matches(presented)) {
            return false;
        }
        response.addHeader("Set-Cookie", ResponseCookie.from(COOKIE, token.pageCookieValue()).path("/analytics")
                .httpOnly(true).secure(secureCookies).sameSite("Strict").maxAge(MAX_AGE_SECONDS).build().toString());
        return true;
    }

    void signOut(HttpServletResponse response) {
        response.addHeader("Set-Cookie", ResponseCookie.from(COOKIE, "").path("/analytics")
                .httpOnly(true).secure(secureCookies).sameSite("Strict").maxAge(0).build().toString());
    }
}
