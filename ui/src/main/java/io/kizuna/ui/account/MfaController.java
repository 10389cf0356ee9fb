package io.kizuna.ui.account;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.TotpEnrolmentService;
import io.kizuna.api.session.SignInService;
import io.kizuna.api.session.SignInService.BrowserSession;
import java.util.List;
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
 * Authenticator app (TOTP, RFC 6238) enrolment in the account console: show a fresh secret as a QR
 * code and as text, and enrol it only when the member types a valid code; then show the recovery
 * codes once.
 */
@Controller
public class MfaController {
    static final String VIEW = "account/mfa";

    private final SignInService signIn;
    private final TotpEnrolmentService totp;

    public MfaController(SignInService signIn, TotpEnrolmentService totp) {
        this.signIn = signIn;
        this.totp = totp;
    }

    @GetMapping("/account/mfa")
    public ModelAndView propose(@CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie) {
        Optional<BrowserSession> session = signIn.findSession(cookie);
        if (session.isEmpty()) {
            return toSignIn();
        }
        MemberId memberId = new MemberId(session.get().memberId());
        return page(memberId, totp.propose(memberId), null, HttpStatus.OK);
    }

    @PostMapping("/account/mfa")
    public ModelAndView confirm(@RequestParam(defaultValue = "") String secret,
                                @RequestParam(defaultValue = "") String code,
                                @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie) {
        Optional<BrowserSession> session = signIn.findSession(cookie);
        if (session.isEmpty()) {
            return toSignIn();
        }
        MemberId memberId = new MemberId(session.get().memberId());
        Optional<List<String>> recovery = totp.confirm(memberId, secret.strip(), code.strip());
        if (recovery.isEmpty()) {
            // a fresh secret: the refused one may have been seen over the member's shoulder
            return page(memberId, totp.propose(memberId), "account.mfa.error.invalid_code", HttpStatus.BAD_REQUEST);
        }
        ModelAndView done = new ModelAndView("account/mfa-done");
        done.addObject("recoveryCodes", recovery.get());
        return done;
    }

    /** New recovery codes, shown once; every earlier code stops working. */
    @PostMapping("/account/mfa/recovery-codes")
    public ModelAndView regenerateRecoveryCodes(
            @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie) {
        Optional<BrowserSession> session = signIn.findSession(cookie);
        if (session.isEmpty()) {
            return toSignIn();
        }
        MemberId memberId = new MemberId(session.get().memberId());
        Optional<List<String>> recovery = totp.regenerateRecoveryCodes(memberId);
        if (recovery.isEmpty()) {
            return page(memberId, totp.propose(memberId), "account.mfa.error.not_enrolled", HttpStatus.CONFLICT);
        }
        ModelAndView done = new ModelAndView("account/mfa-done");
        done.addObject("recoveryCodes", recovery.get());
        done.addObject("regenerated", true);
        return done;
    }

    private ModelAndView page(MemberId memberId, TotpEnrolmentService.Proposal proposal, String errorKey,
                              HttpStatus status) {
        ModelAndView page = new ModelAndView(VIEW, status);
        page.addObject("proposal", proposal);
        page.addObject("enrolled", totp.enrolled(memberId));
        page.addObject("recoveryCodesLeft", totp.remainingRecoveryCodes(memberId));
        page.addObject("errorKey", errorKey);
        return page;
    }

    private static ModelAndView toSignIn() {
        RedirectView redirect = new RedirectView("/signin", true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(redirect);
    }
}
