package io.kizuna.ui.web;

/**
 * The authorization request named by the page is unknown, expired, already decided or malformed:
 * answered with 400 and a page asking the member to start again from the app.
 */
public class AuthorizationRequestExpired extends RuntimeException {
    public AuthorizationRequestExpired() {
        super("authorization request unknown, expired or already used", null, false, false);
    }
}
