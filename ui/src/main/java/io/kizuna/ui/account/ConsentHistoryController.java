package io.kizuna.ui.account;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.consent.ConnectedApp;
import io.kizuna.api.consent.ConsentHistoryEntry;
import io.kizuna.api.consent.FindConnectedAppsQuery;
import io.kizuna.api.consent.FindConsentHistoryQuery;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.SignInService;
import io.kizuna.api.session.SignInService.BrowserSession;
import io.kizuna.ui.consent.ScopeDescription;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The history of the member's consent for one connected app: granted, extended, used, withdrawn, ended.
 * For an app the member has connected, or had connected (a withdrawn consent keeps its history); any other
 * client id answers 404, so the page tells nothing about other members.
 */
@Controller
public class ConsentHistoryController {
    static final String VIEW = "account/app-history";
    private static final Set<String> KNOWN_REASONS = Set.of("session_ended", "refresh_token_reuse", "code_replay",
            "revoked_by_client");

    private final SignInService signIn;
    private final QueryGateway queries;

    public ConsentHistoryController(SignInService signIn, QueryGateway queries) {
        this.signIn = signIn;
        this.queries = queries;
    }

    @GetMapping("/account/apps/{clientId}/history")
    public ModelAndView history(@PathVariable String clientId,
                                @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String sessionCookie) {
        Optional<BrowserSession> session = signIn.findSession(sessionCookie);
        if (session.isEmpty()) {
            RedirectView toSignIn = new RedirectView("/signin", true);
            toSignIn.setStatusCode(HttpStatus.SEE_OTHER);
            return new ModelAndView(toSignIn);
        }
        MemberId member = new MemberId(session.get().memberId());
        Optional<ConnectedApp> app = queries.query(new FindConnectedAppsQuery(member),
                ResponseTypes.multipleInstancesOf(ConnectedApp.class)).join().stream()
                .filter(a -> a.clientId().equals(clientId)).findFirst();
        List<ConsentHistoryEntry> entries = clientId.length() > 128 ? List.of()
                : queries.query(new FindConsentHistoryQuery(member, new ClientId(clientId)),
                        ResponseTypes.multipleInstancesOf(ConsentHistoryEntry.class)).join();
        if (app.isEmpty() && entries.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no consent of this member for this client");
        }
        ModelAndView page = new ModelAndView(VIEW);
        page.addObject("appName", app.map(ConnectedApp::clientName).orElse(clientId));
        page.addObject("clientId", clientId);
        page.addObject("entries", entries.stream().map(Line::of).toList());
        return page;
    }

    /** One row: the entry, its scopes described, and the message key of its reason (access ended). */
    public record Line(ConsentHistoryEntry entry, List<ScopeDescription> scopes, String reasonKey) {
        static Line of(ConsentHistoryEntry entry) {
            String reason = entry.detail() == null ? null
                    : "account.history.reason." + (KNOWN_REASONS.contains(entry.detail()) ? entry.detail() : "other");
            return new Line(entry, entry.scopes().stream().map(ScopeDescription::of).toList(), reason);
        }
    }
}
