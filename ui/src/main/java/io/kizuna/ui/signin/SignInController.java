package io.kizuna.ui.signin;

import io.kizuna.api.authorization.AuthorizationRequestService;
import io.kizuna.api.authorization.AuthorizationRequestService.PendingAuthorization;
import io.kizuna.api.session.SignInService;
import io.kizuna.api.session.SignInService.SignInAttempt;
import io.kizuna.api.session.SignInService.SignInResult;
import io.kizuna.ui.web.ClientRedirectingForms;
import io.kizuna.ui.web.Redirects;
import io.kizuna.ui.web.RequestIds;
import io.kizuna.ui.web.ReturnPaths;
import io.kizuna.ui.web.UiCookies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The password sign-in page. A refusal never says whether the e-mail address or the password was
 * wrong: the page must not tell anyone which addresses are members.
 */
@Controller
@RequestMapping("/signin")
@ClientRedirectingForms
public class SignInController {

    static final String VIEW = "signin/form";
    static final String DONE_PATH = "/signin/done";
    /** Where a sign-in not started by an authorization request returns to ({@link ReturnPaths}). */
    static final String NEXT = "next";
    static final String STEP_UP = "step_up";
    static final String STEP_UP_LOA3 = "loa3";
    static final String THROTTLED = "throttled";
    static final String OTP_VIEW = "signin/otp";
    static final String OTP_PATH = "/signin/otp";
    /** Cookie of a sign-in whose password was right and which waits for its one-time code. */
    public static final String PENDING_COOKIE = "KIZUNA_PENDING_SIGNIN";
    private static final int MAX_USER_AGENT = 512;
    /** RFC 6265bis caps cookie lifetimes at 400 days. */
    private static final java.time.Duration DEVICE_COOKIE_LIFETIME = java.time.Duration.ofDays(400);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final SignInService signIn;
    private final AuthorizationRequestService authorizationRequests;
    private final UiCookies cookies;

    public SignInController(SignInService signIn, AuthorizationRequestService authorizationRequests, UiCookies cookies) {
        this.signIn = signIn;
        this.authorizationRequests = authorizationRequests;
        this.cookies = cookies;
    }

    @GetMapping
    public ModelAndView form(@RequestParam(name = RequestIds.PARAMETER, required = false) String request,
                             @RequestParam(name = NEXT, required = false) String next,
                             @RequestParam(name = "reauth", required = false) String reauth,
                             @RequestParam(name = STEP_UP, required = false) String stepUp) {
        String requestId = RequestIds.optional(request);
        Optional<PendingAuthorization> pending = pending(requestId);
        String hint = pending.map(PendingAuthorization::loginHint).filter(h -> h.contains("@")).orElse("");
        ModelAndView page = page(new SignInForm(hint, requestId, ReturnPaths.safe(next), stepUp(stepUp)), pending,
                null, HttpStatus.OK);
        // the admin console sends administrators back here when their sign-in is too old or too weak
        page.addObject("reauthAdmin", "admin".equals(reauth));
        return page;
    }

    @PostMapping
    public ModelAndView signIn(@RequestParam(defaultValue = "") String email,
                               @RequestParam(defaultValue = "") String password,
                               @RequestParam(name = RequestIds.PARAMETER, required = false) String request,
                               @RequestParam(name = NEXT, required = false) String next,
                               @RequestParam(name = STEP_UP, required = false) String stepUpValue,
                               HttpServletRequest http,
                               HttpServletResponse response) {
        String requestId = RequestIds.optional(request);
        String login = email.strip();
        Optional<PendingAuthorization> pending = pending(requestId);
        boolean stepUp = stepUp(stepUpValue);
        if (login.isEmpty() || password.isEmpty()) {
            return refused(login, requestId, next, stepUp, pending, "invalid_credentials");
        }

        char[] secret = password.toCharArray();
        SignInResult result;
        try {
            result = signIn.signIn(new SignInAttempt(
                    login,
                    secret,
                    pending.map(PendingAuthorization::clientId).orElse(null),
                    http.getRemoteAddr(),
                    userAgent(http),
                    pending.map(PendingAuthorization::requiredAcr).orElse(stepUp ? SignInService.LOA3 : null),
                    deviceId(http, response)));
        } finally {
            Arrays.fill(secret, '\0');
        }
        if (result.needsSecondFactor()) {
            // the pending sign-in travels in a cookie, never in a URL that could be logged or shared
            cookies.setSessionCookie(response, PENDING_COOKIE, result.pendingSecondFactor(), "Lax");
            return Redirects.toPage(withNext(RequestIds.withRequest(OTP_PATH, requestId), ReturnPaths.safe(next)));
        }
        if (!result.succeeded()) {
            return refused(login, requestId, next, stepUp, pending, result.error());
        }

        cookies.setSessionCookie(response, SignInService.SESSION_COOKIE, result.sessionCookieValue(), "Lax");
        return Redirects.toPage(afterSignIn(requestId, next));
    }

    /**
     * "Cancel" on the sign-in page of an authorization request: the client gets {@code error=access_denied}
     * (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6) with its {@code state}, in the request's response mode. A
     * request that is unknown, expired or already decided shows the expired-request page.
     */
    @PostMapping("/cancel")
    public ModelAndView cancel(@RequestParam(name = RequestIds.PARAMETER, required = false) String request) {
        return authorizationRequests.cancel(RequestIds.required(request))
                .map(io.kizuna.ui.consent.ConsentController::toClient)
                .orElseThrow(io.kizuna.ui.web.AuthorizationRequestExpired::new);
    }

    /**
     * The browser's long-lived device cookie, issued at its first sign-in attempt: the authentication policy
     * asks for a second factor from a browser new to the member when its "new device" risk signal is on.
     */
    private String deviceId(HttpServletRequest http, HttpServletResponse response) {
        Optional<String> known = UiCookies.values(http, SignInService.DEVICE_COOKIE).stream()
                .filter(v -> v.matches("[A-Za-z0-9_-]{43}")).findFirst();
        if (known.isPresent()) {
            return known.get();
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String issued = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        cookies.setPersistentCookie(response, SignInService.DEVICE_COOKIE, issued, "Lax", DEVICE_COOKIE_LIFETIME);
        return issued;
    }

    /** RFC 6238 second step, when the authentication policy asks for a one-time code. */
    @GetMapping("/otp")
    public ModelAndView otpForm(@RequestParam(name = RequestIds.PARAMETER, required = false) String request,
                                @RequestParam(name = NEXT, required = false) String next,
                                @CookieValue(name = PENDING_COOKIE, required = false) String pendingSignIn) {
        String requestId = RequestIds.optional(request);
        if (pendingSignIn == null) {
            return Redirects.toPage(RequestIds.withRequest("/signin", requestId));
        }
        return otpPage(pendingSignIn, requestId, ReturnPaths.safe(next), null, HttpStatus.OK);
    }

    @PostMapping("/otp")
    public ModelAndView otp(@RequestParam(defaultValue = "") String code,
                            @RequestParam(name = RequestIds.PARAMETER, required = false) String request,
                            @RequestParam(name = NEXT, required = false) String next,
                            @CookieValue(name = PENDING_COOKIE, required = false) String pendingSignIn,
                            HttpServletRequest http,
                            HttpServletResponse response) {
        String requestId = RequestIds.optional(request);
        SignInResult result = signIn.completeSecondFactor(pendingSignIn, code.strip(), http.getRemoteAddr(),
                userAgent(http));
        return afterSecondFactor(result, pendingSignIn, requestId, next, "signin.otp.error.invalid_code", response);
    }

    /** A recovery code instead of the TOTP code; each code works once. */
    @PostMapping("/recovery")
    public ModelAndView recovery(@RequestParam(name = "recovery_code", defaultValue = "") String recoveryCode,
                                 @RequestParam(name = RequestIds.PARAMETER, required = false) String request,
                                 @RequestParam(name = NEXT, required = false) String next,
                                 @CookieValue(name = PENDING_COOKIE, required = false) String pendingSignIn,
                                 HttpServletRequest http,
                                 HttpServletResponse response) {
        SignInResult result = signIn.completeWithRecoveryCode(pendingSignIn, recoveryCode, http.getRemoteAddr(),
                userAgent(http));
        return afterSecondFactor(result, pendingSignIn, RequestIds.optional(request), next,
                "signin.recovery.error.invalid_code", response);
    }

    /** A passkey as the second factor (W3C WebAuthn §7.2), posted by {@code /js/passkeys.js}. */
    @PostMapping("/otp/passkey")
    public ModelAndView otpPasskey(@RequestParam(defaultValue = "") String credential,
                                   @RequestParam(name = RequestIds.PARAMETER, required = false) String request,
                                   @RequestParam(name = NEXT, required = false) String next,
                                   @CookieValue(name = PENDING_COOKIE, required = false) String pendingSignIn,
                                   HttpServletRequest http,
                                   HttpServletResponse response) {
        SignInResult result = signIn.completeWithPasskey(pendingSignIn, credential, http.getRemoteAddr(),
                userAgent(http));
        return afterSecondFactor(result, pendingSignIn, RequestIds.optional(request), next,
                "signin.passkey.error.invalid", response);
    }

    /**
     * Passwordless sign-in with a discoverable passkey and user verification (LoA 3). A refusal says
     * as little as the password form's does.
     */
    @PostMapping("/passkey")
    public ModelAndView passkey(@RequestParam(defaultValue = "") String credential,
                                @RequestParam(name = RequestIds.PARAMETER, required = false) String request,
                                @RequestParam(name = NEXT, required = false) String next,
                                HttpServletRequest http,
                                HttpServletResponse response) {
        String requestId = RequestIds.optional(request);
        Optional<PendingAuthorization> pending = pending(requestId);
        SignInResult result = signIn.signInWithPasskey(credential, pending.map(PendingAuthorization::clientId)
                .orElse(null), http.getRemoteAddr(), userAgent(http));
        if (!result.succeeded()) {
            return page(new SignInForm("", requestId, ReturnPaths.safe(next)), pending, "signin.passkey.error.invalid",
                    HttpStatus.BAD_REQUEST);
        }
        cookies.setSessionCookie(response, SignInService.SESSION_COOKIE, result.sessionCookieValue(), "Lax");
        return Redirects.toPage(afterSignIn(requestId, next));
    }

    private ModelAndView afterSecondFactor(SignInResult result, String pendingSignIn, String requestId, String next,
                                           String errorKey, HttpServletResponse response) {
        if ("expired".equals(result.error())) {
            cookies.clear(response, PENDING_COOKIE, "Lax");
            return page(new SignInForm("", requestId), pending(requestId), "signin.error.expired",
                    HttpStatus.UNAUTHORIZED);
        }
        if ("suspended".equals(result.error())) {
            cookies.clear(response, PENDING_COOKIE, "Lax");
            return page(new SignInForm("", requestId), pending(requestId), "signin.error.suspended",
                    HttpStatus.FORBIDDEN);
        }
        if (!result.succeeded()) {
            return otpPage(pendingSignIn, requestId, ReturnPaths.safe(next), errorKey, HttpStatus.UNAUTHORIZED);
        }
        cookies.clear(response, PENDING_COOKIE, "Lax");
        cookies.setSessionCookie(response, SignInService.SESSION_COOKIE, result.sessionCookieValue(), "Lax");
        return Redirects.toPage(afterSignIn(requestId, next));
    }

    /** An authorization request continues to consent; otherwise one of our pages, or the done page. */
    private static String afterSignIn(String requestId, String next) {
        if (requestId != null) {
            return RequestIds.withRequest("/consent", requestId);
        }
        String safe = ReturnPaths.safe(next);
        return safe != null ? safe : DONE_PATH;
    }

    private static String withNext(String path, String next) {
        return next == null ? path : path + (path.contains("?") ? "&" : "?") + NEXT + "="
                + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
    }

    private ModelAndView otpPage(String pendingSignIn, String requestId, String next, String errorKey,
                                 HttpStatus status) {
        ModelAndView page = new ModelAndView(OTP_VIEW, status);
        SignInService.SecondFactorChoices choices = signIn.secondFactorChoices(pendingSignIn);
        page.addObject("totp", choices.totp());
        page.addObject("passkeyOptions", choices.passkey() ? signIn.passkeyRequestOptions(pendingSignIn) : null);
        page.addObject("request", requestId);
        page.addObject("next", next);
        page.addObject("errorKey", errorKey);
        return page;
    }

    @GetMapping("/done")
    public ModelAndView done(@CookieValue(name = SignInService.SESSION_COOKIE, required = false) String session) {
        if (session == null || signIn.findSession(session).isEmpty()) {
            return Redirects.toPage("/signin");
        }
        return new ModelAndView("signin/done");
    }

    private ModelAndView refused(String login, String requestId, String next, boolean stepUp,
                                 Optional<PendingAuthorization> pending, String code) {
        boolean throttled = THROTTLED.equals(code);
        String key = switch (code == null ? "" : code) {
            case THROTTLED -> "signin.error.throttled";
            case "second_factor_not_enrolled" -> "signin.error.second_factor_not_enrolled";
            case "suspended" -> "signin.error.suspended";
            default -> "signin.error.invalid_credentials";
        };
        return page(new SignInForm(login, requestId, ReturnPaths.safe(next), stepUp), pending, key,
                throttled ? HttpStatus.TOO_MANY_REQUESTS
                        : "suspended".equals(code) ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED);
    }

    private ModelAndView page(SignInForm form, Optional<PendingAuthorization> pending, String errorKey,
                              HttpStatus status) {
        ModelAndView page = new ModelAndView(VIEW, status);
        page.addObject("passkeyOptions", signIn.passkeyRequestOptions(null));
        page.addObject("form", form);
        page.addObject("clientName", pending.map(PendingAuthorization::clientName).orElse(null));
        // OIDC DCR §2: the client's logo, policy and terms, when the sign-in is for an authorization request
        page.addObject(io.kizuna.ui.web.ClientDisplay.MODEL,
                pending.map(io.kizuna.ui.web.ClientDisplay::of).orElse(null));
        page.addObject("errorKey", errorKey);
        page.addObject("registerPath", RequestIds.withRequest("/register", form.request()));
        return page;
    }

    /** The request being signed in for, to name its client; without a session it only identifies the client. */
    private Optional<PendingAuthorization> pending(String requestId) {
        return requestId == null ? Optional.empty() : authorizationRequests.describe(requestId, null);
    }

    private static String userAgent(HttpServletRequest http) {
        String userAgent = http.getHeader(HttpHeaders.USER_AGENT);
        return userAgent == null || userAgent.length() <= MAX_USER_AGENT ? userAgent : userAgent.substring(0, MAX_USER_AGENT);
    }

    /**
     * A sign-in asked for at LoA 3 by one of our own pages (e.g. the CIBA device page, when the app asked for
     * it): the authentication policy then demands the second factor as for an authorization request with
     * {@code acr_values} of LoA 3. Asking for more is always allowed; any other value is ignored.
     */
    private static boolean stepUp(String value) {
        return STEP_UP_LOA3.equals(value);
    }

    /** What the form shows again after a refusal: never the password. */
    public record SignInForm(String email, String request, String next, boolean stepUp) {
        public SignInForm(String email, String request, String next) {
            this(email, request, next, false);
        }

        public SignInForm(String email, String request) {
            this(email, request, null, false);
        }
    }
}
