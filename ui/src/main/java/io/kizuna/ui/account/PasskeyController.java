package io.kizuna.ui.account;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PasskeyService;
import io.kizuna.api.session.SignInService;
import io.kizuna.api.session.SignInService.BrowserSession;
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
 * Passkeys in the account console (W3C WebAuthn §7.1 registration): the page carries creation options
 * with a one-time challenge; {@code /js/passkeys.js} runs {@code navigator.credentials.create()} and posts
 * the response with the page's CSRF field. Removal is a plain form.
 */
@Controller
public class PasskeyController {
    static final String VIEW = "account/passkeys";

    private final SignInService signIn;
    private final PasskeyService passkeys;

    public PasskeyController(SignInService signIn, PasskeyService passkeys) {
        this.signIn = signIn;
        this.passkeys = passkeys;
    }

    @GetMapping("/account/passkeys")
    public ModelAndView page(@CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie,
                             @RequestParam(required = false) String done) {
        Optional<BrowserSession> session = signIn.findSession(cookie);
        if (session.isEmpty()) {
            return seeOther("/signin?next=/account/passkeys");
        }
        String notice = "registered".equals(done) || "removed".equals(done) ? done : null;
        return page(new MemberId(session.get().memberId()), null, notice, HttpStatus.OK);
    }

    @PostMapping("/account/passkeys")
    public ModelAndView register(@RequestParam(defaultValue = "") String credential,
                                 @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie) {
        Optional<BrowserSession> session = signIn.findSession(cookie);
        if (session.isEmpty()) {
            return seeOther("/signin");
        }
        MemberId memberId = new MemberId(session.get().memberId());
        if (!passkeys.register(memberId, credential)) {
            return page(memberId, "account.passkeys.error.invalid", null, HttpStatus.BAD_REQUEST);
        }
        return seeOther("/account/passkeys?done=registered");
    }

    @PostMapping("/account/passkeys/remove")
    public ModelAndView remove(@RequestParam(defaultValue = "") String credentialId,
                               @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie) {
        Optional<BrowserSession> session = signIn.findSession(cookie);
        if (session.isEmpty()) {
            return seeOther("/signin");
        }
        MemberId memberId = new MemberId(session.get().memberId());
        if (!passkeys.remove(memberId, credentialId)) {
            return page(memberId, "account.passkeys.error.unknown", null, HttpStatus.NOT_FOUND);
        }
        return seeOther("/account/passkeys?done=removed");
    }

    private ModelAndView page(MemberId memberId, String errorKey, String notice, HttpStatus status) {
        ModelAndView page = new ModelAndView(VIEW, status);
        page.addObject("passkeys", passkeys.list(memberId));
        page.addObject("options", passkeys.registrationOptions(memberId));
        page.addObject("errorKey", errorKey);
        page.addObject("notice", notice);
        return page;
    }

    private static ModelAndView seeOther(String path) {
        RedirectView redirect = new RedirectView(path, true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(redirect);
    }
}
