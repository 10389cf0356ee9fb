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
        if (page == null || !UiPages.isPage(handler)) {
            return;
        }
        java.util.List<ClientDisplay> clients = new java.util.ArrayList<>();
        if (page.getModel().get(ClientDisplay.MODEL) instanceof ClientDisplay client) {
            clients.add(client);
        }
        if (page.getModel().get(ClientDisplay.MODEL_LIST) instanceof java.util.Collection<?> list) {
            list.stream().filter(ClientDisplay.class::isInstance).map(ClientDisplay.class::cast).forEach(clients::add);
        }
        String origins = String.join(" ", clients.stream().map(ClientDisplay::logoOrigin)
                .filter(java.util.Objects::nonNull).distinct().limit(MAX_LOGO_ORIGINS).toList());
        String policy = response.getHeader(SecurityHeadersFilter.CONTENT_SECURITY_POLICY);
        if (!origins.isEmpty() && policy != null) {
            response.setHeader(SecurityHeadersFilter.CONTENT_SECURITY_POLICY,
                    SecurityHeadersFilter.withImageSource(policy, origins));
        }
    }

    /** More logos than this on one page (a long CIBA list) are not let in: the header stays short. */
    static final int MAX_LOGO_ORIGINS = 10;
}
