package io.kizuna.ui.registration;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.EmailVerificationService;
import io.kizuna.api.member.EmailVerificationService.Outcome;
import io.kizuna.api.member.MemberId;
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
 * The link of the verification mail, and the account console's "send it again". Following the link
 * is the proof of receipt, so it verifies on GET; an unknown, used or expired token all read the same.
 */
@Controller
public class EmailVerificationController {
    static final String VIEW = "registration/verified";

    private final EmailVerificationService verifications;
    private final SignInService signIn;

    public EmailVerificationController(EmailVerificationService verifications, SignInService signIn) {
        this.verifications = verifications;
        this.signIn = signIn;
    }

    @GetMapping("/verify-email")
    public ModelAndView verify(@RequestParam(name = "token", defaultValue = "") String token) {
        boolean verified = verifications.verify(token) == Outcome.VERIFIED;
        ModelAndView page = new ModelAndView(VIEW, verified ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
        page.addObject("verified", verified);
        return page;
    }

    @PostMapping("/account/email/verification")
    public ModelAndView resend(@CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie) {
        Optional<BrowserSession> session = signIn.findSession(cookie);
        if (session.isEmpty()) {
            return seeOther("/signin");
        }
        String outcome;
        try {
            verifications.resend(new MemberId(session.get().memberId()));
            outcome = "sent";
        } catch (LedgerRejection rejection) {
            outcome = switch (rejection.code()) {
                case "already_verified", "resend_too_soon" -> rejection.code();
                default -> "failed";
            };
        }
        return seeOther("/account?verification=" + outcome);
    }

    private static ModelAndView seeOther(String location) {
        RedirectView redirect = new RedirectView(location, true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(redirect);
    }
}
