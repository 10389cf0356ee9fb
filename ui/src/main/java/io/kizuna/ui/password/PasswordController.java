package io.kizuna.ui.password;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.PasswordService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * "Forgot your password?": asking for a link always gets the same answer, known address or not;
 * the link's page asks for a new password and keeps the token in a hidden field, never in a cookie.
 */
@Controller
public class PasswordController {
    private final PasswordService passwords;

    public PasswordController(PasswordService passwords) {
        this.passwords = passwords;
    }

    @GetMapping("/password/forgot")
    public ModelAndView forgotForm() {
        return forgot("", null, HttpStatus.OK);
    }

    @PostMapping("/password/forgot")
    public ModelAndView requestReset(@RequestParam(defaultValue = "") String email, HttpServletRequest request) {
        try {
            passwords.requestReset(email.strip(), request.getRemoteAddr());
        } catch (LedgerRejection rejection) {
            return forgot(email.strip(), "password.error." + ("throttled".equals(rejection.code()) ? "throttled" : "other"),
                    "throttled".equals(rejection.code()) ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.BAD_REQUEST);
        }
        return new ModelAndView("password/forgot-sent");
    }

    @GetMapping("/password/reset")
    public ModelAndView resetForm(@RequestParam(name = "token", defaultValue = "") String token) {
        if (!passwords.resetTokenValid(token)) {
            return invalid();
        }
        return reset(token, null, HttpStatus.OK);
    }

    @PostMapping("/password/reset")
    public ModelAndView reset(@RequestParam(name = "token", defaultValue = "") String token,
                              @RequestParam(defaultValue = "") String password) {
        char[] secret = password.toCharArray();
        try {
            passwords.reset(token, secret);
        } catch (LedgerRejection rejection) {
            return switch (rejection.code()) {
                case "invalid_token" -> invalid();
                case "weak_password", "common_password" ->
                        reset(token, "password.error." + rejection.code(), HttpStatus.BAD_REQUEST);
                default -> reset(token, "password.error.other", HttpStatus.BAD_REQUEST);
            };
        } finally {
            Arrays.fill(secret, '\0');
        }
        return new ModelAndView("password/reset-done");
    }

    private static ModelAndView forgot(String email, String errorKey, HttpStatus status) {
        ModelAndView page = new ModelAndView("password/forgot", status);
        page.addObject("email", email.length() > 320 ? "" : email);
        page.addObject("errorKey", errorKey);
        return page;
    }

    private static ModelAndView reset(String token, String errorKey, HttpStatus status) {
        ModelAndView page = new ModelAndView("password/reset", status);
        page.addObject("token", token);
        page.addObject("errorKey", errorKey);
        return page;
    }

    private static ModelAndView invalid() {
        return new ModelAndView("password/reset-invalid", HttpStatus.BAD_REQUEST);
    }
}
