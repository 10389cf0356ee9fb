package io.kizuna.ui.web;

import org.springframework.web.method.HandlerMethod;

/** Tells the page controllers of this module apart from the other modules' endpoints. */
final class UiPages {

    static final String BASE_PACKAGE = "io.kizuna.ui";

    private UiPages() {
    }

    static boolean isPage(Object handler) {
        return handler instanceof HandlerMethod method
                && (method.getBeanType().getPackageName() + ".").startsWith(BASE_PACKAGE + ".");
    }

    static boolean redirectsFormsToClients(Object handler) {
        return handler instanceof HandlerMethod method
                && isPage(handler)
                && method.getBeanType().isAnnotationPresent(ClientRedirectingForms.class);
    }
}
