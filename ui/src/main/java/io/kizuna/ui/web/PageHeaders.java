package io.kizuna.ui.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Headers of the pages themselves, on top of {@link SecurityHeadersFilter}: no page is ever stored
 * (they carry CSRF tokens, e-mail addresses and pending authorization requests), and pages whose forms
 * redirect to clients get the policy that lets them.
 */
final class PageHeaders implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (UiPages.isPage(handler)) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            if (UiPages.redirectsFormsToClients(handler)) {
                response.setHeader(SecurityHeadersFilter.CONTENT_SECURITY_POLICY,
                        SecurityHeadersFilter.CSP_CLIENT_REDIRECTING_FORMS);
            }
        }
        return true;
    }

    /**
     * A page that shows a client's logo ({@link ClientDisplay}, OIDC DCR §2 {@code logo_uri}) lets that one
     * origin into {@code img-src} — nothing else of the policy changes, {@code script-src} least of all.
     */
    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           org.springframework.web.servlet.ModelAndView page) {
        if (page == null || !UiPages.isPage(handler)
                || !(page.getModel().get(ClientDisplay.MODEL) instanceof ClientDisplay client)) {
            return;
        }
        String origin = client.logoOrigin();
        String policy = response.getHeader(SecurityHeadersFilter.CONTENT_SECURITY_POLICY);
        if (origin != null && policy != null) {
            response.setHeader(SecurityHeadersFilter.CONTENT_SECURITY_POLICY,
                    SecurityHeadersFilter.withImageSource(policy, origin));
        }
    }
}
