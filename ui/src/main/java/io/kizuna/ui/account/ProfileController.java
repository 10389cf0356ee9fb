package io.kizuna.ui.account;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalData;
import io.kizuna.api.member.ProfileService;
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
 * Profile editing in the account console: name, e-mail address (a change is re-verified by a mailed
 * link), phone number and postal address — the OIDC Core §5.1 claims that UserInfo releases per scope.
 */
@Controller
public class ProfileController {
    static final String VIEW = "account/profile";

    private final SignInService signIn;
    private final ProfileService profiles;

    public ProfileController(SignInService signIn, ProfileService profiles) {
        this.signIn = signIn;
        this.profiles = profiles;
    }

    @GetMapping("/account/profile")
    public ModelAndView form(@CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie,
                             @RequestParam(required = false) String saved) {
        Optional<BrowserSession> session = signIn.findSession(cookie);
        if (session.isEmpty()) {
            return seeOther("/signin");
        }
        PersonalData data = profiles.current(new MemberId(session.get().memberId()));
        if (data == null) {
            return seeOther("/signin");
        }
        ModelAndView page = page(new ProfileForm(data.name(), data.email(), data.phoneNumber(), data.address()), null,
                HttpStatus.OK);
        page.addObject("emailVerified", data.emailVerified());
        page.addObject("saved", "email".equals(saved) || "yes".equals(saved) ? saved : null);
        return page;
    }

    @PostMapping("/account/profile")
    public ModelAndView save(@RequestParam(defaultValue = "") String name,
                             @RequestParam(defaultValue = "") String email,
                             @RequestParam(defaultValue = "") String phone,
                             @RequestParam(defaultValue = "") String address,
                             @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie) {
        Optional<BrowserSession> session = signIn.findSession(cookie);
        if (session.isEmpty()) {
            return seeOther("/signin");
        }
        ProfileForm form = new ProfileForm(name, email, phone, address);
        boolean emailChanged;
        try {
            emailChanged = profiles.update(new MemberId(session.get().memberId()), name, email, phone, address);
        } catch (LedgerRejection rejection) {
            String field = switch (rejection.code()) {
                case "invalid_name" -> "name";
                case "invalid_email", "email_taken" -> "email";
                case "invalid_phone" -> "phone";
                case "invalid_address" -> "address";
                default -> null;
            };
            return page(form, new AccountPasswordController.FieldError(field == null ? "account.profile.error.other"
                    : "account.profile.error." + rejection.code(), field), HttpStatus.BAD_REQUEST);
        }
        return seeOther("/account/profile?saved=" + (emailChanged ? "email" : "yes"));
    }

    private static ModelAndView page(ProfileForm form, AccountPasswordController.FieldError error, HttpStatus status) {
        ModelAndView page = new ModelAndView(VIEW, status);
        page.addObject("form", form);
        page.addObject("error", error);
        return page;
    }

    private static ModelAndView seeOther(String location) {
        RedirectView redirect = new RedirectView(location, true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(redirect);
    }

    /** What the form shows (again after a refusal). */
    public record ProfileForm(String name, String email, String phone, String address) {
    }
}
