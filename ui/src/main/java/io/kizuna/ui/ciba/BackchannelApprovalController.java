package io.kizuna.ui.ciba;

import io.kizuna.api.ciba.BackchannelAuthenticationService;
import io.kizuna.api.ciba.BackchannelAuthenticationService.Decision;
import io.kizuna.api.ciba.BackchannelAuthenticationService.PendingRequest;
import io.kizuna.api.session.SignInService;
import io.kizuna.ui.consent.ScopeDescription;
import io.kizuna.ui.web.Redirects;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * The demo authentication device of OpenID Connect CIBA Core 1.0: the signed-in member sees the
 * backchannel authentication requests waiting for them — which app, what it may see, and the binding
 * message to compare with the one on the app's screen (§7.1) — and approves or denies each. Approving
 * needs the session (the member authenticated on this device) and, when the app asked for LoA 3
 * ({@code acr_values}), a session that reached it.
 */
@Controller
@RequestMapping(BackchannelApprovalController.PATH)
public class BackchannelApprovalController {
    static final String PATH = "/account/ciba";
    static final String APPROVE = "approve";
    static final String DENY = "deny";

    private final SignInService signIn;
    private final BackchannelAuthenticationService requests;

    public BackchannelApprovalController(SignInService signIn, BackchannelAuthenticationService requests) {
        this.signIn = signIn;
        this.requests = requests;
    }

    @GetMapping
    public ModelAndView list(@CookieValue(name = SignInService.SESSION_COOKIE, required = false) String session,
                             @RequestParam(name = "result", required = false) String result) {
        if (session == null || session.isEmpty() || signIn.findSession(session).isEmpty()) {
            return Redirects.toPage("/signin?next=" + PATH);
        }
        List<PendingRequest> pending = requests.pending(session);
        ModelAndView page = new ModelAndView("ciba/list", HttpStatus.OK);
        List<io.kizuna.ui.web.ClientDisplay> clients = pending.stream()
                .map(r -> io.kizuna.ui.web.ClientDisplay.of(r.clientName(), r.siteUri(), r.links())).toList();
        page.addObject("requests", java.util.stream.IntStream.range(0, pending.size()).mapToObj(i -> Map.of(
                "request", pending.get(i), "client", clients.get(i), "scopes",
                new LinkedHashSet<>(pending.get(i).scopes()).stream().map(ScopeDescription::of).toList())).toList());
        // OIDC DCR §2: each app's logo may be shown, so PageHeaders lets their origins into img-src
        page.addObject(io.kizuna.ui.web.ClientDisplay.MODEL_LIST, clients);
        page.addObject("result", result != null && result.matches("approved|denied|not_found|step_up") ? result : null);
        return page;
    }

    @PostMapping
    public ModelAndView decide(@RequestParam(defaultValue = "") String request,
                               @RequestParam(defaultValue = "") String decision,
                               @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String session) {
        if (!APPROVE.equals(decision) && !DENY.equals(decision)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "decision must be approve or deny");
        }
        Decision result = requests.decide(request, session, APPROVE.equals(decision));
        return switch (result) {
            case NOT_SIGNED_IN -> Redirects.toPage("/signin?next=" + PATH);
            case NOT_FOUND -> Redirects.toPage(PATH + "?result=not_found");
            case STEP_UP_REQUIRED -> Redirects.toPage(PATH + "?result=step_up");
            case APPROVED -> Redirects.toPage(PATH + "?result=approved");
            case DENIED -> Redirects.toPage(PATH + "?result=denied");
        };
    }
}
