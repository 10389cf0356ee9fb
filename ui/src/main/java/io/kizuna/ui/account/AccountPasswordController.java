package io.kizuna.ui.account;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PasswordService;
import io.kizuna.api.session.SignInService;
import io.kizuna.api.session.SignInService.BrowserSession;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/** Password change in the account console: the current password, then the new one; other sessions end. */
@Controller
public class AccountPasswordController {
    static final String VIEW = "account/password";

    private final SignInService signIn;
    private final PasswordService passwords;

    public AccountPasswordController(SignInService signIn, PasswordService passwords) {
        this.signIn = signIn;
        this.passwords = passwords;
    }

    @GetMapping("/account/password")
    public ModelAndView form(@CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie) {
        if (signIn.findSession(cookie).isEmpty()) {
            return seeOther("/signin");
        }
        return page(null, HttpStatus.OK);
    }

    @PostMapping("/account/password")
    public ModelAndView change(@RequestParam(defaultValue = "") String current,
                               @RequestParam(defaultValue = "") String password,
                               @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie) {
        Optional<BrowserSession> session = signIn.findSession(cookie);
        if (session.isEmpty()) {
            return seeOther("/signin");
        }
        char[] currentSecret = current.toCharArray();
        char[] newSecret = password.toCharArray();
        try {
            passwords.change(new MemberId(session.get().memberId()), session.get().sessionId(), currentSecret, newSecret);
        } catch (LedgerRejection rejection) {
            return page(switch (rejection.code()) {
                case "wrong_password" -> new FieldError("password.error.wrong_password", "current");
                case "weak_password", "common_password" -> new FieldError("password.error." + rejection.code(), "password");
                default -> new FieldError("password.error.other", null);
            }, HttpStatus.BAD_REQUEST);
        } finally {
            Arrays.fill(currentSecret, '\0');
            Arrays.fill(newSecret, '\0');
        }
        return seeOther("/account?password=changed");
    }

    private static ModelAndView page(FieldError error, HttpStatus status) {
        ModelAndView page = new ModelAndView(VIEW, status);
        page.addObject("error", error);
        return page;
    }

    private static ModelAndView seeOther(String location) {
        RedirectView redirect = new RedirectView(location, true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(redirect);
    }

    /** A refusal and the field it is about ({@code null}: the form). */
    public record FieldError(String messageKey, String field) {
        public boolean on(String candidate) {
            return candidate.equals(field);
        }
    }
}
