package io.kizuna.ui.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Writes and reads the cookies of the pages. Every cookie is HttpOnly with Path=/; the Secure flag
 * follows {@value #SECURE_COOKIES_PROPERTY}, which defaults to {@code true} so that a forgotten setting
 * fails safe: only a deployment on plain http (the embedded localhost run) turns it off explicitly.
 */
@Component
public class UiCookies {

    public static final String SECURE_COOKIES_PROPERTY = "kizuna.secure-cookies";

    private final boolean secure;

    public UiCookies(@Value("${" + SECURE_COOKIES_PROPERTY + ":true}") boolean secure) {
        this.secure = secure;
    }

    public boolean secure() {
        return secure;
    }

    /** Sets a cookie for the browser session only (no Max-Age). */
    public void setSessionCookie(HttpServletResponse response, String name, String value, String sameSite) {
        ResponseCookie cookie = ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite(sameSite)
                .path("/")
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    /** Sets a cookie that outlives the browser session, for {@code maxAge}. */
    public void setPersistentCookie(HttpServletResponse response, String name, String value, String sameSite,
                                    java.time.Duration maxAge) {
        ResponseCookie cookie = ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(secure)
                .sameSite(sameSite)
                .path("/")
                .maxAge(maxAge)
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    /** Tells the browser to drop a cookie now. */
    public void clear(HttpServletResponse response, String name, String sameSite) {
        ResponseCookie cookie = ResponseCookie.from(name, "")
                .httpOnly(true)
                .secure(secure)
                .sameSite(sameSite)
                .path("/")
                .maxAge(0)
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    /** All values the browser sent under {@code name}: a sibling domain may have added one of its own. */
    public static List<String> values(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        List<String> values = new ArrayList<>();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (name.equals(cookie.getName())) {
                    values.add(cookie.getValue());
                }
            }
        }
        return values;
    }
}
