package io.kizuna.ui.registration;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.authorization.AuthorizationRequestService;
import io.kizuna.api.authorization.AuthorizationRequestService.PendingAuthorization;
import io.kizuna.api.member.MemberRegistrationService;
import io.kizuna.api.member.MemberRegistrationService.Registration;
import io.kizuna.ui.web.Languages;
import io.kizuna.ui.web.Redirects;
import io.kizuna.ui.web.RequestIds;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The sign-up page. The rules (e-mail syntax, password length, unique login) are the ledger's; the
 * page only translates a refusal code into a message next to the field it concerns.
 */
@Controller
@RequestMapping("/register")
public class RegistrationController {

    static final String VIEW = "registration/form";
    static final String SELF = "self";

    /** Refusal code → the field it is about ({@code null}: the form as a whole). */
    private static final Map<String, String> FIELD_OF = Map.of(
            "invalid_email", "email",
            "login_taken", "email",
            "weak_password", "password",
            "common_password", "password",
            "invalid_name", "name");

    private final MemberRegistrationService registrations;
    private final AuthorizationRequestService authorizationRequests;

    public RegistrationController(MemberRegistrationService registrations,
                                  AuthorizationRequestService authorizationRequests) {
        this.registrations = registrations;
        this.authorizationRequests = authorizationRequests;
    }

    @GetMapping
    public ModelAndView form(@RequestParam(name = RequestIds.PARAMETER, required = false) String request,
                             Locale locale) {
        RegistrationForm form = new RegistrationForm("", "", language(null, locale), RequestIds.optional(request));
        return page(form, null, HttpStatus.OK);
    }

    @PostMapping
    public ModelAndView register(@RequestParam(defaultValue = "") String name,
                                 @RequestParam(defaultValue = "") String email,
                                 @RequestParam(defaultValue = "") String password,
                                 @RequestParam(name = "locale", required = false) String language,
                                 @RequestParam(name = RequestIds.PARAMETER, required = false) String request,
                                 Locale locale) {
        String requestId = RequestIds.optional(request);
        RegistrationForm form = new RegistrationForm(name.strip(), email.strip(), language(language, locale), requestId);
        char[] secret = password.toCharArray();
        try {
            registrations.register(new Registration(form.email(), secret, form.name(), form.locale(), via(requestId)));
        } catch (LedgerRejection rejection) {
            return page(form, FormError.of(rejection.code()),
                    "login_taken".equals(rejection.code()) ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
        } finally {
            Arrays.fill(secret, '\0');
        }
        return Redirects.toPage(RequestIds.withRequest("/register/done", requestId));
    }

    @GetMapping("/done")
    public ModelAndView done(@RequestParam(name = RequestIds.PARAMETER, required = false) String request) {
        ModelAndView page = new ModelAndView("registration/done");
        page.addObject("signInPath", RequestIds.withRequest("/signin", RequestIds.optional(request)));
        return page;
    }

    /** Registered via the client the member came from (the service site), or {@code self}. */
    private String via(String requestId) {
        if (requestId == null) {
            return SELF;
        }
        return authorizationRequests.describe(requestId, null).map(PendingAuthorization::clientId).orElse(SELF);
    }

    private static String language(String chosen, Locale pageLocale) {
        return Languages.parse(chosen)
                .or(() -> Languages.parse(pageLocale.toLanguageTag()))
                .orElse(Languages.DEFAULT)
                .getLanguage();
    }

    private static ModelAndView page(RegistrationForm form, FormError error, HttpStatus status) {
        ModelAndView page = new ModelAndView(VIEW, status);
        page.addObject("form", form);
        page.addObject("error", error);
        page.addObject("signInPath", RequestIds.withRequest("/signin", form.request()));
        return page;
    }

    /** What the form shows again after a refusal: never the password. */
    public record RegistrationForm(String name, String email, String locale, String request) {
    }

    /** A refusal as the page shows it: the message and the field it belongs to (null: the whole form). */
    public record FormError(String messageKey, String field) {
        static FormError of(String code) {
            String field = FIELD_OF.get(code);
            return new FormError(field == null ? "registration.error.other" : "registration.error." + code, field);
        }

        public boolean on(String candidate) {
            return candidate.equals(field);
        }
    }
}
