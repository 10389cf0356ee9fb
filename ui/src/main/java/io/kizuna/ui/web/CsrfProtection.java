package io.kizuna.ui.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses every unsafe request to a page controller whose {@code _csrf} field does not repeat the
 * CSRF cookie. Keyed on the controller's package rather than on paths, so a new page is covered
 * without anyone remembering to list it.
 */
final class CsrfProtection implements HandlerInterceptor {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final CsrfTokens tokens;

    CsrfProtection(CsrfTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (UiPages.isPage(handler) && !SAFE_METHODS.contains(request.getMethod()) && !tokens.matches(request)) {
            throw new CsrfTokenRejected();
        }
        return true;
    }
}
