package io.kizuna.ui.admin;

import io.kizuna.api.admin.AdminConsole;
import io.kizuna.api.session.SignInService;
import io.kizuna.ui.web.Redirects;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The door of every admin page: a member without a (recent enough, strong enough) sign-in goes to the
 * sign-in page and comes back here afterwards; a signed-in member who is not an administrator gets 403.
 * Admin pages are never cached (they show personal data and one-time secrets).
 */
@Component
public class AdminGuard {
    static final String FORBIDDEN_VIEW = "admin/forbidden";

    private final AdminConsole console;

    public AdminGuard(AdminConsole console) {
        this.console = console;
    }

    /** Either the administrator's member id ({@link Check#admin()}) or the page to answer instead. */
    Check check(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        AdminConsole.Access access = console.access(sessionCookie(request), request.getRemoteAddr());
        return switch (access.outcome()) {
            case GRANTED -> new Check(access.memberId(), null);
            case FORBIDDEN -> new Check(null, new ModelAndView(FORBIDDEN_VIEW, HttpStatus.FORBIDDEN));
            case ANONYMOUS, REAUTHENTICATE -> new Check(null, Redirects.toPage("/signin?next="
                    + URLEncoder.encode(returnPath(request), StandardCharsets.UTF_8)
                    + (access.outcome() == AdminConsole.Outcome.REAUTHENTICATE ? "&reauth=admin" : "")));
        };
    }

    /** After a GET the page itself; after a form, the page the form belongs to. */
    private static String returnPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("GET".equals(request.getMethod())) {
            return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
        }
        int cut = path.lastIndexOf('/');
        return cut > "/admin".length() - 1 && path.startsWith("/admin/") ? path.substring(0, cut) : "/admin";
    }

    private static String sessionCookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (SignInService.SESSION_COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    record Check(String admin, ModelAndView refusal) {
        boolean refused() {
            return refusal != null;
        }
    }
}
