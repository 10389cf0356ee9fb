package io.kizuna.ui.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/** What every page needs (CSRF token, language links) and the pages for refused requests. */
@ControllerAdvice(basePackages = UiPages.BASE_PACKAGE)
public class UiPageAdvice {

    private final CsrfTokens csrfTokens;

    public UiPageAdvice(CsrfTokens csrfTokens) {
        this.csrfTokens = csrfTokens;
    }

    @ModelAttribute
    public void pageModel(HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("csrfToken", csrfTokens.tokenForForm(request, response));
        model.addAttribute("csrfField", CsrfTokens.FIELD);
        model.addAttribute("pageLinks", PageLinks.of(request));
    }

    @ExceptionHandler(CsrfTokenRejected.class)
    public ModelAndView csrfTokenRejected(HttpServletRequest request) {
        return page("web/forbidden", HttpStatus.FORBIDDEN, request);
    }

    @ExceptionHandler(AuthorizationRequestExpired.class)
    public ModelAndView authorizationRequestExpired(HttpServletRequest request) {
        return page("web/expired", HttpStatus.BAD_REQUEST, request);
    }

    private static ModelAndView page(String view, HttpStatus status, HttpServletRequest request) {
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("pageLinks", PageLinks.of(request));
        return page;
    }
}
