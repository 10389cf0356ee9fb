package io.kizuna.ui.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Links back to the current page (keeping the authorization request), in the current language and in
 * each of the two languages, relative to the context path (for Thymeleaf's {@code @{...}}).
 */
public record PageLinks(String self, String ja, String en) {

    static PageLinks of(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String requestId;
        try {
            requestId = RequestIds.optional(request.getParameter(RequestIds.PARAMETER));
        } catch (AuthorizationRequestExpired malformed) {
            requestId = null;
        }
        String self = RequestIds.withRequest(path, requestId);
        String separator = requestId == null ? "?" : "&";
        String lang = separator + Languages.PARAMETER + "=";
        return new PageLinks(self, self + lang + "ja", self + lang + "en");
    }
}
