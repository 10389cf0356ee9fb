package io.kizuna.ui.account;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalData;
import io.kizuna.api.member.ProfileRejected;
import io.kizuna.api.member.ProfileService;
import io.kizuna.api.member.StandardClaims;
import io.kizuna.api.session.SignInService;
import io.kizuna.api.session.SignInService.BrowserSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * link), phone number, postal address and the other OIDC Core §5.1 standard claims (given and family name,
 * nickname, birthdate, time zone, locale, …) that UserInfo releases per scope (§5.4) or per claims request (§5.5).
 * Every invalid field is marked at once, each with its own message.
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
        StandardClaims s = data.standard();
        ModelAndView page = page(new ProfileForm(data.name(), data.email(), data.phoneNumber(), data.address(),
                data.locale(), s.givenName(), s.middleName(), s.familyName(), s.nickname(), s.preferredUsername(),
                s.gender(), s.birthdate(), s.profile(), s.picture(), s.website(), s.zoneinfo(), s.streetAddress(),
                s.locality(), s.region(), s.postalCode(), s.country()), Map.of(), HttpStatus.OK);
        page.addObject("emailVerified", data.emailVerified());
        page.addObject("saved", "email".equals(saved) || "yes".equals(saved) ? saved : null);
        return page;
    }

    /**
     * {@code standard} is a hidden field of the full form: without it (an older form) the standard claims and
     * the locale stay as they are.
     */
    @PostMapping("/account/profile")
    public ModelAndView save(@RequestParam Map<String, String> params,
                             @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String cookie) {
        Optional<BrowserSession> session = signIn.findSession(cookie);
        if (session.isEmpty()) {
            return seeOther("/signin");
        }
        ProfileForm form = ProfileForm.of(params);
        boolean full = params.containsKey("standard");
        StandardClaims claims = !full ? null : new StandardClaims(form.givenName(), form.familyName(),
                form.middleName(), form.nickname(), form.preferredUsername(), form.profile(), form.picture(),
                form.website(), form.gender(), form.birthdate(), form.zoneinfo(), false, form.streetAddress(),
                form.locality(), form.region(), form.postalCode(), form.country(), null);
        boolean emailChanged;
        try {
            emailChanged = profiles.update(new MemberId(session.get().memberId()), new ProfileService.ProfileChange(
                    form.name(), form.email(), form.phone(), form.address(), full ? form.locale() : null, claims));
        } catch (ProfileRejected rejection) {
            Map<String, String> errors = new LinkedHashMap<>();
            rejection.problems().forEach(p -> errors.put(p.field(), "account.profile.error." + p.code()));
            return page(form, errors, HttpStatus.BAD_REQUEST);
        } catch (LedgerRejection rejection) {
            String field = switch (rejection.code()) {
                case "invalid_name" -> "name";
                case "invalid_email", "email_taken" -> "email";
                case "invalid_phone" -> "phone";
                case "invalid_address" -> "address";
                default -> "form";
            };
            return page(form, Map.of(field, field.equals("form") ? "account.profile.error.other"
                    : "account.profile.error." + rejection.code()), HttpStatus.BAD_REQUEST);
        }
        return seeOther("/account/profile?saved=" + (emailChanged ? "email" : "yes"));
    }

    /**
     * The standard-claim inputs, grouped as the page shows them: {@code autocomplete} tokens of the HTML standard
     * help browsers and assistive technology fill them in; {@code hint} names a message shown with the input.
     */
    static final List<Group> GROUPS = List.of(
            new Group("names", List.of(
                    new Field("given_name", "text", "given-name", 100, null),
                    new Field("middle_name", "text", "additional-name", 100, null),
                    new Field("family_name", "text", "family-name", 100, null),
                    new Field("nickname", "text", "nickname", 100, null),
                    new Field("preferred_username", "text", "username", 100, "preferred_username"))),
            new Group("about", List.of(
                    new Field("gender", "text", "sex", 50, "gender"),
                    new Field("birthdate", "text", "bday", 10, "birthdate"))),
            new Group("web", List.of(
                    new Field("profile", "url", "url", 500, null),
                    new Field("picture", "url", "photo", 500, null),
                    new Field("website", "url", "url", 500, null))),
            new Group("region", List.of(
                    new Field("zoneinfo", "text", "off", 64, "zoneinfo"),
                    new Field("locale", "text", "language", 35, "locale"))),
            new Group("address", List.of(
                    new Field("street_address", "text", "street-address", 200, null),
                    new Field("locality", "text", "address-level2", 100, null),
                    new Field("region", "text", "address-level1", 100, null),
                    new Field("postal_code", "text", "postal-code", 20, null),
                    new Field("country", "text", "country-name", 100, null))));

    /** A fieldset of the form; {@code key} names its legend message. */
    public record Group(String key, List<Field> fields) {
    }

    /** One input: {@code name} is the OIDC claim name, also the label's message key. */
    public record Field(String name, String type, String autocomplete, int maxlength, String hint) {
    }

    private static ModelAndView page(ProfileForm form, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView(VIEW, status);
        page.addObject("groups", GROUPS);
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("hasErrors", !errors.isEmpty());
        return page;
    }

    private static ModelAndView seeOther(String location) {
        RedirectView redirect = new RedirectView(location, true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(redirect);
    }

    /** What the form shows (again after a refusal); field names are those of the page's inputs. */
    public record ProfileForm(String name, String email, String phone, String address, String locale,
                              String givenName, String middleName, String familyName, String nickname,
                              String preferredUsername, String gender, String birthdate, String profile,
                              String picture, String website, String zoneinfo, String streetAddress,
                              String locality, String region, String postalCode, String country) {

        static ProfileForm of(Map<String, String> p) {
            return new ProfileForm(p.getOrDefault("name", ""), p.getOrDefault("email", ""), p.getOrDefault("phone", ""),
                    p.getOrDefault("address", ""), p.get("locale"), p.get("given_name"), p.get("middle_name"),
                    p.get("family_name"), p.get("nickname"), p.get("preferred_username"), p.get("gender"),
                    p.get("birthdate"), p.get("profile"), p.get("picture"), p.get("website"), p.get("zoneinfo"),
                    p.get("street_address"), p.get("locality"), p.get("region"), p.get("postal_code"),
                    p.get("country"));
        }

        /** The value of the input named {@code field} (the OIDC claim name for the standard claims). */
        public String value(String field) {
            return switch (field) {
                case "given_name" -> givenName;
                case "middle_name" -> middleName;
                case "family_name" -> familyName;
                case "nickname" -> nickname;
                case "preferred_username" -> preferredUsername;
                case "gender" -> gender;
                case "birthdate" -> birthdate;
                case "profile" -> profile;
                case "picture" -> picture;
                case "website" -> website;
                case "zoneinfo" -> zoneinfo;
                case "locale" -> locale;
                case "street_address" -> streetAddress;
                case "locality" -> locality;
                case "region" -> region;
                case "postal_code" -> postalCode;
                case "country" -> country;
                default -> null;
            };
        }
    }
}
