package io.kizuna.ui.web;

import java.util.regex.Pattern;

/**
 * Where a sign-in may send the browser back to when it was not started by an authorization request:
 * only Kizuna's own pages that ask for a session ({@code /device}, {@code /account}, and the admin console
 * {@code /admin} with up to three path segments of unreserved characters), as relative paths,
 * so the parameter can never become an open redirector (RFC 9700 §4.11).
 */
public final class ReturnPaths {
    private static final Pattern SAFE = Pattern.compile(
            "(/(device|account)(/[a-z]+)?|/admin(/(?!\\.{1,2}(?:/|\\?|$))[A-Za-z0-9._~-]{1,128}){0,3})(\\?[A-Za-z0-9=&%_.~+-]{0,300})?");

    private ReturnPaths() {
    }

    /** The path when it is one of ours, else null. */
    public static String safe(String next) {
        return next != null && SAFE.matcher(next).matches() ? next : null;
    }
}
