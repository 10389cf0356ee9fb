package io.kizuna.ui.consent;

import io.kizuna.api.authorization.AuthorizationRequestService;
import io.kizuna.api.authorization.AuthorizationRequestService.PendingAuthorization;
import io.kizuna.api.session.SignInService;
import io.kizuna.ui.web.AuthorizationRequestExpired;
import io.kizuna.ui.web.ClientRedirectingForms;
import io.kizuna.ui.web.Redirects;
import io.kizuna.ui.web.RequestIds;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * The consent page (RFC 6749 §4.1.1: the authorization server "obtains an authorization decision").
 * The member's decision goes to {@link AuthorizationRequestService#decide}, whose answer is where the
 * browser goes next: the client's redirect URI with a code or with {@code error=access_denied}.
 */
@Controller
@RequestMapping("/consent")
@ClientRedirectingForms
public class ConsentController {

    static final String APPROVE = "approve";
    static final String DENY = "deny";

    private final SignInService signIn;
    private final AuthorizationRequestService authorizationRequests;

    public ConsentController(SignInService signIn, AuthorizationRequestService authorizationRequests) {
        this.signIn = signIn;
        this.authorizationRequests = authorizationRequests;
    }

    @GetMapping
    public ModelAndView show(@RequestParam(name = RequestIds.PARAMETER, required = false) String request,
                             @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String session) {
        String requestId = RequestIds.required(request);
        if (!signedIn(session)) {
            return signInFirst(requestId);
        }
        PendingAuthorization pending = authorizationRequests.describe(requestId, session)
                .orElseThrow(AuthorizationRequestExpired::new);
        if (pending.alreadyConsented()) {
            return redirectToClient(requestId, session, true);
        }
        ModelAndView page = new ModelAndView("consent/form", HttpStatus.OK);
        page.addObject("pending", pending);
        page.addObject(io.kizuna.ui.web.ClientDisplay.MODEL, io.kizuna.ui.web.ClientDisplay.of(pending));
        page.addObject("scopes", describe(pending.scopes()));
        page.addObject("request", requestId);
        return page;
    }

    @PostMapping
    public ModelAndView decide(@RequestParam(name = RequestIds.PARAMETER, required = false) String request,
                               @RequestParam(defaultValue = "") String decision,
                               @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String session) {
        String requestId = RequestIds.required(request);
        if (!APPROVE.equals(decision) && !DENY.equals(decision)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "decision must be approve or deny");
        }
        if (!signedIn(session)) {
            return signInFirst(requestId);
        }
        return redirectToClient(requestId, session, APPROVE.equals(decision));
    }

    /**
     * The response to the client; when the authorization server cannot build one it could deliver (JARM
     * §2.2: the client's jwks_uri does not answer, so nothing can be encrypted to it) nothing was issued,
     * and the member gets a page (502) saying the app cannot be reached now rather than a server error.
     */
    private ModelAndView redirectToClient(String requestId, String session, boolean approved) {
        java.util.Optional<AuthorizationRequestService.ClientResponse> response;
        try {
            response = authorizationRequests.respond(requestId, session, approved);
        } catch (AuthorizationRequestService.ResponseUndeliverable e) {
            return new ModelAndView("web/undeliverable", HttpStatus.BAD_GATEWAY);
        }
        return response.map(ConsentController::toClient).orElseThrow(AuthorizationRequestExpired::new);
    }

    /**
     * A 303 to the client, or for {@code response_mode=form_post} (OAuth 2.0 Form Post Response Mode §2) the
     * auto-submitting page as built by the authorization server, never stored, under its own policy
     * (which replaces the page policy set before the handler ran).
     */
    public static ModelAndView toClient(AuthorizationRequestService.ClientResponse response) {
        if (!response.formPost()) {
            return Redirects.toUrl(response.location());
        }
        return new ModelAndView((View) new FormPostView(response));
    }

    private record FormPostView(AuthorizationRequestService.ClientResponse response) implements View {
        @Override
        public String getContentType() {
            return "text/html;charset=UTF-8";
        }

        @Override
        public void render(java.util.Map<String, ?> model, jakarta.servlet.http.HttpServletRequest request,
                           jakarta.servlet.http.HttpServletResponse servletResponse) throws java.io.IOException {
            servletResponse.setStatus(HttpStatus.OK.value());
            servletResponse.setContentType(getContentType());
            servletResponse.setHeader("Cache-Control", "no-store");
            servletResponse.setHeader("Pragma", "no-cache");
            servletResponse.setHeader("Content-Security-Policy", response.contentSecurityPolicy());
            servletResponse.getWriter().write(response.html());
        }
    }

    private boolean signedIn(String session) {
        return session != null && !session.isEmpty() && signIn.findSession(session).isPresent();
    }

    private static ModelAndView signInFirst(String requestId) {
        return Redirects.toPage(RequestIds.withRequest("/signin", requestId));
    }

    private static List<ScopeDescription> describe(List<String> scopes) {
        return new LinkedHashSet<>(scopes).stream().map(ScopeDescription::of).toList();
    }
}
