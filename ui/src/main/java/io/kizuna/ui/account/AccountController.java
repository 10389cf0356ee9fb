package io.kizuna.ui.account;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.consent.ConnectedApp;
import io.kizuna.api.consent.ConsentService;
import io.kizuna.api.consent.FindConnectedAppsQuery;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.FindSessionsQuery;
import io.kizuna.api.session.SessionService;
import io.kizuna.ui.web.FrontChannelLogoutPage;
import io.kizuna.api.session.SessionView;
import io.kizuna.api.session.SignInService;
import io.kizuna.ui.web.UiCookies;
import jakarta.servlet.http.HttpServletResponse;
import io.kizuna.api.session.SignInService.BrowserSession;
import io.kizuna.ui.consent.ScopeDescription;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The account console's "connected apps": every app the member authorised, what it may access, since
 * when and when it last obtained a token. Requires a sign-in session.
 */
@Controller
public class AccountController {
    static final String VIEW = "account/apps";

    private final SignInService signIn;
    private final QueryGateway queries;
    private final ConsentService consents;
    private final SessionService sessions;
    private final UiCookies cookies;

    public AccountController(SignInService signIn, QueryGateway queries, ConsentService consents,
                             SessionService sessions, UiCookies cookies) {
        this.signIn = signIn;
        this.queries = queries;
        this.consents = consents;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    @GetMapping("/account")
    public ModelAndView connectedApps(
            @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String sessionCookie,
            @RequestParam(name = "revoked", required = false) String revoked) {
        Optional<BrowserSession> session = signIn.findSession(sessionCookie);
        if (session.isEmpty()) {
            return seeOther("/signin");
        }
        List<ConnectedApp> apps = queries.query(new FindConnectedAppsQuery(new MemberId(session.get().memberId())),
                ResponseTypes.multipleInstancesOf(ConnectedApp.class)).join();
        ModelAndView page = new ModelAndView(VIEW);
        page.addObject("apps", apps.stream().map(AppView::of).toList());
        page.addObject("revoked", revoked != null && revoked.length() <= 128 ? revoked : null);
        page.addObject("sessions", queries.query(new FindSessionsQuery(new MemberId(session.get().memberId())),
                ResponseTypes.multipleInstancesOf(SessionView.class)).join());
        page.addObject("currentSession", session.get().sessionId());
        return page;
    }

    /** Ends one of the member's sessions, e.g. one left signed in on another computer. */
    @PostMapping("/account/sessions/{sessionId}/end")
    public ModelAndView endSession(@PathVariable String sessionId,
                                   @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String sessionCookie,
                                   HttpServletResponse response) {
        Optional<BrowserSession> session = signIn.findSession(sessionCookie);
        if (session.isEmpty()) {
            return seeOther("/signin");
        }
        boolean ended = sessions.end(new MemberId(session.get().memberId()), sessionId);
        if (sessionId.equals(session.get().sessionId())) {
            cookies.clear(response, SignInService.SESSION_COOKIE, "Lax");
            return signedOut(ended ? session.get().sessionId() : null, response);
        }
        return seeOther("/account");
    }

    /** Signs the member out of every browser and device at once. */
    @PostMapping("/account/sessions/end-all")
    public ModelAndView endAllSessions(
            @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String sessionCookie,
            HttpServletResponse response) {
        Optional<BrowserSession> session = signIn.findSession(sessionCookie);
        int ended = 0;
        if (session.isPresent()) {
            ended = sessions.endAll(new MemberId(session.get().memberId()));
        }
        cookies.clear(response, SignInService.SESSION_COOKIE, "Lax");
        // only this browser's session can be told through this browser (Front-Channel Logout §4); the others'
        // Relying Parties hear of it by back-channel logout
        return signedOut(ended > 0 ? session.get().sessionId() : null, response);
    }

    /** Signs this browser out. */
    @PostMapping("/signout")
    public ModelAndView signOut(@CookieValue(name = SignInService.SESSION_COOKIE, required = false) String sessionCookie,
                                HttpServletResponse response) {
        Optional<BrowserSession> session = signIn.findSession(sessionCookie);
        boolean ended = sessions.signOut(sessionCookie);
        cookies.clear(response, SignInService.SESSION_COOKIE, "Lax");
        return signedOut(ended && session.isPresent() ? session.get().sessionId() : null, response);
    }

    /**
     * After this browser's own session ended: the "signed out" page with the OpenID Connect Front-Channel
     * Logout 1.0 §4 frames of its Relying Parties, or — when none registered a {@code frontchannel_logout_uri}
     * — the sign-in page, as before.
     */
    private ModelAndView signedOut(String endedSessionId, HttpServletResponse response) {
        ModelAndView page = endedSessionId == null ? null
                : FrontChannelLogoutPage.of(sessions.frontChannelLogout(endedSessionId), null, response);
        return page != null ? page : seeOther("/signin");
    }

    /**
     * Withdraws the consent for one app: every token it holds for the member stops working at once.
     * The client id travels in the path; the session decides whose consent it is.
     */
    @PostMapping("/account/apps/{clientId}/revoke")
    public ModelAndView revoke(@PathVariable String clientId,
                               @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String sessionCookie) {
        Optional<BrowserSession> session = signIn.findSession(sessionCookie);
        if (session.isEmpty()) {
            return seeOther("/signin");
        }
        if (clientId.length() > 128) {
            return seeOther("/account");
        }
        consents.revoke(new MemberId(session.get().memberId()), new ClientId(clientId));
        return seeOther("/account?revoked=" + java.net.URLEncoder.encode(clientId, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static ModelAndView seeOther(String location) {
        RedirectView redirect = new RedirectView(URI.create(location).toString(), true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        return new ModelAndView(redirect);
    }

    /** A connected app with its scopes in words the member reads. */
    public record AppView(ConnectedApp app, List<ScopeDescription> scopes) {
        static AppView of(ConnectedApp app) {
            return new AppView(app, app.scopes().stream().map(ScopeDescription::of).toList());
        }
    }
}
