package io.kizuna.ui.logout;

import io.kizuna.api.session.LogoutService;
import io.kizuna.api.session.LogoutService.LogoutOutcome;
import io.kizuna.api.session.LogoutService.LogoutPrompt;
import io.kizuna.api.session.SignInService;
import io.kizuna.api.session.SignInService.BrowserSession;
import io.kizuna.ui.web.ClientRedirectingForms;
import io.kizuna.ui.web.FrontChannelLogoutPage;
import io.kizuna.ui.web.Redirects;
import io.kizuna.ui.web.UiCookies;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The confirmation page of OpenID Connect RP-Initiated Logout 1.0 (§2: "the OP SHOULD ask the End-User
 * whether to log out of the OP as well"). The end-session endpoint ({@code /oauth2/logout}) has validated the
 * request and sends the browser here with the parked request's id.
 *
 * <p>Confirmation is skipped in exactly one case: the RP's {@code id_token_hint} names this browser's session
 * ({@code sid}) and member ({@code sub}) — an RP can hold such a token only if the member signed in to it in
 * this very session, so a third-party page cannot use it to sign the member out. Without a session there is
 * nothing to end, and the request completes at once. Otherwise the member chooses on a form protected by the
 * CSRF token; "sign out" ends the session through the ordinary sign-out path and goes on to the registered
 * {@code post_logout_redirect_uri} with {@code state} (§3), or to the "signed out" page.
 *
 * <p>When the ended session's Relying Parties registered {@code frontchannel_logout_uri}s (OpenID Connect
 * Front-Channel Logout 1.0 §4), the "signed out" page is always rendered first, with their frames; a
 * {@code post_logout_redirect_uri} then becomes its "continue" link, followed by script once the frames have
 * loaded ({@link FrontChannelLogoutPage}).
 */
@Controller
@RequestMapping("/logout")
@ClientRedirectingForms
public class LogoutController {
    static final String CONFIRM = "logout/confirm";
    static final String DONE = "logout/done";
    static final String INVALID = "logout/invalid";

    private final LogoutService logouts;
    private final SignInService signIn;
    private final UiCookies cookies;

    public LogoutController(LogoutService logouts, SignInService signIn, UiCookies cookies) {
        this.logouts = logouts;
        this.signIn = signIn;
        this.cookies = cookies;
    }

    @GetMapping
    public ModelAndView show(@RequestParam(name = "request", required = false) String requestId,
                             @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String sessionCookie,
                             HttpServletResponse response) {
        Optional<LogoutPrompt> prompt = logouts.find(requestId);
        if (prompt.isEmpty()) {
            return new ModelAndView(INVALID, HttpStatus.BAD_REQUEST);
        }
        Optional<BrowserSession> session = signIn.findSession(sessionCookie);
        if (session.isEmpty() || prompt.get().hintMatches(session.get())) {
            return complete(requestId, sessionCookie, response);
        }
        ModelAndView page = new ModelAndView(CONFIRM, HttpStatus.OK);
        page.addObject("prompt", prompt.get());
        return page;
    }

    @PostMapping
    public ModelAndView decide(@RequestParam(name = "request", defaultValue = "") String requestId,
                               @RequestParam(defaultValue = "") String decision,
                               @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String sessionCookie,
                               HttpServletResponse response) {
        if ("stay".equals(decision)) {
            logouts.cancel(requestId);
            ModelAndView page = new ModelAndView(DONE, HttpStatus.OK);
            page.addObject("stayed", true);
            return page;
        }
        if (!"logout".equals(decision)) {
            return new ModelAndView(INVALID, HttpStatus.BAD_REQUEST);
        }
        return complete(requestId, sessionCookie, response);
    }

    private ModelAndView complete(String requestId, String sessionCookie, HttpServletResponse response) {
        Optional<LogoutOutcome> outcome = logouts.complete(requestId, sessionCookie);
        if (outcome.isEmpty()) {
            return new ModelAndView(INVALID, HttpStatus.BAD_REQUEST);
        }
        cookies.clear(response, SignInService.SESSION_COOKIE, "Lax");
        ModelAndView frames = FrontChannelLogoutPage.of(outcome.get().frames(), outcome.get().redirectTo(), response);
        if (frames != null) {
            return frames;
        }
        if (outcome.get().redirectTo() != null) {
            return Redirects.toUrl(outcome.get().redirectTo());
        }
        ModelAndView page = new ModelAndView(DONE, HttpStatus.OK);
        page.addObject("stayed", false);
        return page;
    }
}
