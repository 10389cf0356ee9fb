package io.kizuna.ui.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Double-submit CSRF tokens: a random 256-bit value in the {@value #COOKIE} cookie (HttpOnly,
 * SameSite=Strict) that every form repeats in its {@value #FIELD} field. A cross-site page can make the
 * browser send the cookie neither (SameSite=Strict) nor read it to copy it into the field.
 *
 * <p>The token is not bound to the sign-in session on purpose: the sign-in form itself needs one before
 * any session exists (login CSRF), and nodes stay stateless.
 */
@Component
public class CsrfTokens {

    public static final String COOKIE = "KIZUNA_CSRF";
    public static final String FIELD = "_csrf";

    private static final String REQUEST_ATTRIBUTE = CsrfTokens.class.getName() + ".token";
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random = new SecureRandom();
    private final UiCookies cookies;

    public CsrfTokens(UiCookies cookies) {
        this.cookies = cookies;
    }

    /**
     * The token for a form being rendered: the one the browser already holds, so that several open tabs
     * keep working, or a fresh one set as cookie (a cross-site arrival does not send the Strict cookie).
     */
    public String tokenForForm(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(REQUEST_ATTRIBUTE) instanceof String token) {
            return token;
        }
        String token = UiCookies.values(request, COOKIE).stream()
                .filter(value -> FORMAT.matcher(value).matches())
                .findFirst()
                .orElseGet(() -> {
                    String fresh = generate();
                    cookies.setSessionCookie(response, COOKIE, fresh, "Strict");
                    return fresh;
                });
        request.setAttribute(REQUEST_ATTRIBUTE, token);
        return token;
    }

    /** Whether the submitted field repeats the cookie, compared in constant time. */
    public boolean matches(HttpServletRequest request) {
        String submitted = request.getParameter(FIELD);
        if (submitted == null || !FORMAT.matcher(submitted).matches()) {
            return false;
        }
        byte[] expected = submitted.getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String value : UiCookies.values(request, COOKIE)) {
            matched |= MessageDigest.isEqual(expected, value.getBytes(StandardCharsets.US_ASCII));
        }
        return matched;
    }

    private String generate() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
