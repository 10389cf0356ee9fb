package io.kizuna.ui.web;

/** A state-changing request to a page arrived without the form's CSRF token; answered with 403. */
public class CsrfTokenRejected extends RuntimeException {
    public CsrfTokenRejected() {
        super("CSRF token missing or not matching", null, false, false);
    }
}
