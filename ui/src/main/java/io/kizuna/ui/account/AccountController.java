package io.kizuna.ui.account;

import io.kizuna.api.consent.ConnectedApp;
import io.kizuna.api.consent.FindConnectedAppsQuery;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.SignInService;
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

    public AccountController(SignInService signIn, QueryGateway queries) {
        this.signIn = signIn;
        this.queries = queries;
    }

    @GetMapping("/account")
    public ModelAndView connectedApps(
            @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String sessionCookie) {
        Optional<BrowserSession> session = signIn.findSession(sessionCookie);
        if (session.isEmpty()) {
            RedirectView toSignIn = new RedirectView(URI.create("/signin").toString(), true);
            toSignIn.setStatusCode(HttpStatus.SEE_OTHER);
            return new ModelAndView(toSignIn);
        }
        List<ConnectedApp> apps = queries.query(new FindConnectedAppsQuery(new MemberId(session.get().memberId())),
                ResponseTypes.multipleInstancesOf(ConnectedApp.class)).join();
        ModelAndView page = new ModelAndView(VIEW);
        page.addObject("apps", apps.stream().map(AppView::of).toList());
        return page;
    }

    /** A connected app with its scopes in words the member reads. */
    public record AppView(ConnectedApp app, List<ScopeDescription> scopes) {
        static AppView of(ConnectedApp app) {
            return new AppView(app, app.scopes().stream().map(ScopeDescription::of).toList());
        }
    }
}
