package io.kizuna.ui.account;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.AccountDeletionService;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.SignInService;
import io.kizuna.api.session.SignInService.BrowserSession;
import io.kizuna.ui.web.UiCookies;
import jakarta.servlet.http.HttpServletResponse;
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

/**
 * Deleting one's own account: a confirmation page that says what happens, then the current password
 * and an explicit tick. Deletion is immediate ("forget member": the data key is destroyed, grants
 * revoked, sessions ended); the ledger keeps only pseudonymous history.
 */
@Controller
public class AccountDeletionController {
    static final String VIEW = "account/delete";

    private final SignInService signIn;
    private final AccountDeletionService deletions;
    private final UiCookies cookies;

    public AccountDeletionController(SignInService signIn, AccountDeletionService deletions, UiCookies cookies) {
        this.signIn = signIn;
        this.deletions = deletions;
        this.cookies = cookies;
    }

    @GetMapping("/account/delete")
    public ModelAndView confirm(@CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie) {
        if (signIn.findSession(cookie).isEmpty()) {
            return seeOther("/signin");
        }
        return page(null, HttpStatus.OK);
    }

    @PostMapping("/account/delete")
    public ModelAndView delete(@RequestParam(defaultValue = "") String current,
                               @RequestParam(defaultValue = "") String confirm,
                               @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie,
                               HttpServletResponse response) {
        Optional<BrowserSession> session = signIn.findSession(cookie);
        if (session.isEmpty()) {
            return seeOther("/signin");
        }
        if (!"yes".equals(confirm)) {
            return page("account.delete.error.confirm", HttpStatus.BAD_REQUEST);
        }
        char[] secret = current.toCharArray();
        try {
            deletions.delete(new MemberId(session.get().memberId()), secret);
        } catch (LedgerRejection rejection) {
            return page("wrong_password".equals(rejection.code()) ? "password.error.wrong_password"
                    : "password.error.other", HttpStatus.BAD_REQUEST);
        } finally {
            Arrays.fill(secret, '\0');
        }
        cookies.clear(response, SignInService.SESSION_COOKIE, "Lax");
        return new ModelAndView("account/deleted");
    }

    private static ModelAndView page(String errorKey, HttpStatus status) {
        ModelAndView page = new ModelAndView(VIEW, status);
        page.addObject("errorKey", errorKey);
        return page;
    }

    private static ModelAndView seeOther(String location) {
        RedirectView redirect = new RedirectView(location, true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(redirect);
    }
}
