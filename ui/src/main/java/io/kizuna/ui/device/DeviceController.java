package io.kizuna.ui.device;

import io.kizuna.api.device.DeviceAuthorizationService;
import io.kizuna.api.device.DeviceAuthorizationService.Decision;
import io.kizuna.api.device.DeviceAuthorizationService.PendingDevice;
import io.kizuna.api.session.SignInService;
import io.kizuna.ui.consent.ScopeDescription;
import io.kizuna.ui.web.Redirects;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The verification page of the device authorization grant (RFC 8628 §3.3): the member types the user
 * code shown on the device (or arrives with it filled in from {@code verification_uri_complete}, §3.3.1),
 * signs in if needed, sees which app asks for what, and approves or denies. Before the decision the
 * page always shows the app and the code, so a member who was sent a code by someone else can see
 * what they would be approving (§5.4).
 */
@Controller
@RequestMapping("/device")
public class DeviceController {
    static final String APPROVE = "approve";
    static final String DENY = "deny";

    private final SignInService signIn;
    private final DeviceAuthorizationService devices;
    private final DeviceCodeGuesses guesses;

    public DeviceController(SignInService signIn, DeviceAuthorizationService devices, DeviceCodeGuesses guesses) {
        this.signIn = signIn;
        this.devices = devices;
        this.guesses = guesses;
    }

    @GetMapping
    public ModelAndView show(@RequestParam(name = "user_code", required = false) String userCode,
                             @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String session,
                             jakarta.servlet.http.HttpServletRequest http) {
        if (userCode == null || userCode.isBlank()) {
            return enterCode(null, null, HttpStatus.OK);
        }
        if (!guesses.allowed(http.getRemoteAddr())) {
            return enterCode(userCode, "device.error.throttled", HttpStatus.TOO_MANY_REQUESTS);
        }
        Optional<PendingDevice> pending = devices.describe(userCode);
        if (pending.isEmpty()) {
            guesses.failed(http.getRemoteAddr());
            return enterCode(userCode, "device.error.unknown_code", HttpStatus.NOT_FOUND);
        }
        ModelAndView page = new ModelAndView("device/confirm", HttpStatus.OK);
        page.addObject("pending", pending.get());
        page.addObject(io.kizuna.ui.web.ClientDisplay.MODEL, io.kizuna.ui.web.ClientDisplay.of(
                pending.get().clientName(), pending.get().siteUri(), pending.get().links()));
        page.addObject("scopes", new LinkedHashSet<>(pending.get().scopes()).stream().map(ScopeDescription::of).toList());
        page.addObject("signedIn", signedIn(session));
        return page;
    }

    @PostMapping
    public ModelAndView decide(@RequestParam(name = "user_code", defaultValue = "") String userCode,
                               @RequestParam(defaultValue = "") String decision,
                               @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String session) {
        if (decision.isEmpty()) {
            // the code form: continue at the address verification_uri_complete would have given (§3.3.1)
            String code = userCode.strip();
            if (code.isEmpty() || code.length() > 32) {
                return enterCode(code, "device.error.unknown_code", HttpStatus.NOT_FOUND);
            }
            return Redirects.toPage("/device?user_code=" + URLEncoder.encode(code, StandardCharsets.UTF_8));
        }
        if (!APPROVE.equals(decision) && !DENY.equals(decision)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "decision must be approve or deny");
        }
        Decision result = devices.decide(userCode, session, APPROVE.equals(decision));
        return switch (result) {
            case NOT_SIGNED_IN -> Redirects.toPage("/signin?next=" + URLEncoder.encode("/device?user_code="
                    + userCode.replaceAll("[^A-Za-z]", ""), StandardCharsets.UTF_8));
            case NOT_FOUND -> enterCode(userCode, "device.error.unknown_code", HttpStatus.NOT_FOUND);
            case APPROVED -> done("device.approved", HttpStatus.OK);
            case DENIED -> done("device.denied", HttpStatus.OK);
        };
    }

    private boolean signedIn(String session) {
        return session != null && !session.isEmpty() && signIn.findSession(session).isPresent();
    }

    private static ModelAndView enterCode(String userCode, String errorKey, HttpStatus status) {
        ModelAndView page = new ModelAndView("device/form", status);
        page.addObject("userCode", userCode == null ? "" : userCode.strip());
        page.addObject("errorKey", errorKey);
        return page;
    }

    private static ModelAndView done(String messagePrefix, HttpStatus status) {
        ModelAndView page = new ModelAndView("device/done", status);
        page.addObject("messagePrefix", messagePrefix);
        return page;
    }
}
