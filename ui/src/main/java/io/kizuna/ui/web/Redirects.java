package io.kizuna.ui.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/** 303 See Other: after a POST the browser follows with a GET, never re-posting the form. */
public final class Redirects {

    private Redirects() {
    }

    /** To a page of this application; {@code path} is relative to the context path. */
    public static ModelAndView toPage(String path) {
        return seeOther(path, true);
    }

    /** To a URL as given, e.g. a client's redirect URI with the authorization response. */
    public static ModelAndView toUrl(String url) {
        return seeOther(url, false);
    }

    private static ModelAndView seeOther(String url, boolean contextRelative) {
        RedirectView view = new RedirectView(url, contextRelative);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExposeModelAttributes(false);
        view.setExpandUriTemplateVariables(false);
        view.setPropagateQueryParams(false);
        return new ModelAndView(view);
    }
}
