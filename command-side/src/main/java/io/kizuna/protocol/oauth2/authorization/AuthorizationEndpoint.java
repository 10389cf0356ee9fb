package io.kizuna.protocol.oauth2.authorization;

import io.kizuna.api.session.SignInService;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.KizunaProperties;
import io.kizuna.policy.AuthenticationPolicy;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.error.OAuthErrors;
import io.kizuna.protocol.oauth2.error.OAuthException;
import io.kizuna.protocol.oauth2.token.Scopes;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1.1; RFC 7636 §4.3). Until the client and its
 * redirect URI are established, errors are shown to the user and never redirected (§4.1.2.1, RFC 9700
 * §4.11: no open redirector); after that they go back to the client with {@code state} and {@code iss}.
 * A valid request is parked and the browser continues to sign-in or consent.
 */
@RestController
public class AuthorizationEndpoint {
    public static final String PATH = "/oauth2/authorize";
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9\\-._~]{43,128}");
    /** RFC 9449 §10 {@code dpop_jkt}: an RFC 7638 SHA-256 thumbprint, 43 base64url characters. */
    private static final Pattern JKT = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** OIDC Core §3.1.2.1; select_account is treated as login: one account per browser session. */
    private static final java.util.Set<String> PROMPTS = java.util.Set.of("none", "login", "consent",
            "select_account");

    private final ClientRegistry clients;
    private final PendingAuthorizations pending;
    private final SignInService signIn;
    private final KizunaProperties properties;
    private final Clock clock;
    private final AuthorizationDecisions decisions;
    private final io.kizuna.protocol.oauth2.resource.ResourceServers resourceServers;

    public AuthorizationEndpoint(ClientRegistry clients, PendingAuthorizations pending, SignInService signIn,
                                 KizunaProperties properties, Clock clock, AuthorizationDecisions decisions,
                                 io.kizuna.protocol.oauth2.resource.ResourceServers resourceServers) {
        this.resourceServers = resourceServers;
        this.decisions = decisions;
        this.clients = clients;
        this.pending = pending;
        this.signIn = signIn;
        this.properties = properties;
        this.clock = clock;
    }

    @RequestMapping(path = PATH, method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<String> authorize(HttpServletRequest request,
                                            @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String session) {
        OAuthParameters parameters;
        try {
            parameters = OAuthParameters.from(request);
        } catch (OAuthException e) {
            return errorPage(e.error(), e.description());
        }
        Optional<RegisteredClient> client = clients.find(parameters.get("client_id"));
        if (client.isEmpty()) {
            return errorPage(OAuthErrors.INVALID_REQUEST, "unknown or missing client_id");
        }
        Optional<String> redirectUri = RedirectUris.resolve(parameters.get("redirect_uri"), client.get().redirectUris());
        if (redirectUri.isEmpty()) {
            return errorPage(OAuthErrors.INVALID_REQUEST,
                    "redirect_uri is missing or does not exactly match a registered one");
        }
        String state = parameters.get("state");
        try {
            ValidatedAuthorizationRequest valid = validate(client.get(), redirectUri.get(), parameters);
            // RFC 8707 §2: an unknown or unreachable resource is invalid_target here already; the token is
            // audience-restricted by the resource sent with the token request (§2.2)
            io.kizuna.protocol.oauth2.resource.ResourceIndicators.parse(parameters, client.get(), resourceServers);
            Optional<SignInService.BrowserSession> current = signIn.findSession(session);
            boolean usable = InteractionRequirements.sessionSatisfies(valid, current, clock.instant());
            if (valid.prompts("none") && !usable) {
                throw new OAuthException(400, "login_required",
                        "the member is not signed in as the request requires (OIDC Core §3.1.2.6)");
            }
            String requestId = pending.park(valid, clock.instant().plus(properties.tokens().authorizationRequest()));
            if (valid.prompts("none")) {
                // no page may be shown: answer at once from the session and remembered consent
                String location = decisions.decideWithoutInteraction(requestId, session);
                return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(location))
                        .cacheControl(CacheControl.noStore()).build();
            }
            String next = usable ? "/consent?request=" + requestId : "/signin?request=" + requestId;
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(next))
                    .cacheControl(CacheControl.noStore()).build();
        } catch (OAuthException e) {
            return ResponseEntity.status(HttpStatus.FOUND)
                    .location(URI.create(AuthorizationResponses.error(redirectUri.get(), e.error(), e.description(),
                            state, properties.issuer(),
                            ValidatedAuthorizationRequest.TOKEN.equals(parameters.get("response_type")))))
                    .cacheControl(CacheControl.noStore()).build();
        }
    }

    private static ValidatedAuthorizationRequest validate(RegisteredClient client, String redirectUri,
                                                          OAuthParameters parameters) {
        String responseType = parameters.get("response_type");
        boolean implicit = ValidatedAuthorizationRequest.TOKEN.equals(responseType);
        if (!"code".equals(responseType) && !implicit) {
            throw new OAuthException(400, OAuthErrors.UNSUPPORTED_RESPONSE_TYPE,
                    "response_type must be code (RFC 6749 §4.1.1), or token for clients registered for the implicit "
                            + "grant (§4.2.1)");
        }
        if (implicit && !client.allowsGrant(io.kizuna.grant.Grant.IMPLICIT)) {
            // §4.2.2.1: the implicit grant is off unless the client was registered with grant_types implicit
            throw new OAuthException(400, OAuthErrors.UNAUTHORIZED_CLIENT,
                    "this client is not registered for the implicit grant (RFC 6749 §4.2; off by default)");
        }
        if (!implicit && !client.allowsGrant("authorization_code")) {
            throw new OAuthException(400, OAuthErrors.UNAUTHORIZED_CLIENT,
                    "this client may not use the authorization code grant");
        }
        // OIDC Core §6.1, §6.2: request objects (RFC 9101) are not supported yet; say so rather than ignore
        // parameters the client may have put only inside the object
        if (parameters.has("request")) {
            throw new OAuthException(400, "request_not_supported",
                    "request objects are not supported (OIDC Core section 6.1); send the parameters directly");
        }
        if (parameters.has("request_uri")) {
            throw new OAuthException(400, "request_uri_not_supported",
                    "request_uri is not supported (OIDC Core section 6.2)");
        }
        List<String> scopes = Scopes.parse(parameters.get("scope"));
        if (scopes.isEmpty()) {
            throw new OAuthException(400, OAuthErrors.INVALID_SCOPE, "scope is required");
        }
        if (!client.scopes().containsAll(scopes)) {
            throw new OAuthException(400, OAuthErrors.INVALID_SCOPE, "a requested scope is not allowed for this client");
        }
        if (implicit && scopes.contains("offline_access")) {
            throw new OAuthException(400, OAuthErrors.INVALID_SCOPE,
                    "the implicit grant issues no refresh token, so offline_access cannot be granted (RFC 6749 §4.2.2)");
        }
        String challenge = parameters.get("code_challenge");
        String method = parameters.get("code_challenge_method");
        if (implicit) {
            // PKCE protects a code; the implicit grant has none (RFC 7636 §1)
            challenge = null;
            method = null;
        } else {
            if (challenge == null) {
                throw OAuthException.invalidRequest("code_challenge is required (RFC 7636 §4.4.1, RFC 9700 §2.1.1)");
            }
            if (!"S256".equals(method)) {
                throw OAuthException.invalidRequest("code_challenge_method must be S256; plain is refused (RFC 7636 §4.2)");
            }
            if (!CHALLENGE.matcher(challenge).matches()) {
                throw OAuthException.invalidRequest("code_challenge is malformed (RFC 7636 §4.2)");
            }
        }
        String prompt = parameters.get("prompt");
        if (prompt != null) {
            List<String> values = List.of(prompt.split(" "));
            if (!PROMPTS.containsAll(values)) {
                throw OAuthException.invalidRequest("unsupported prompt value (OIDC Core §3.1.2.1)");
            }
            if (values.contains("none") && values.size() > 1) {
                throw OAuthException.invalidRequest("prompt=none cannot be combined with other values");
            }
        }
        Integer maxAge = null;
        if (parameters.has("max_age")) {
            try {
                maxAge = Integer.valueOf(parameters.get("max_age"));
            } catch (NumberFormatException e) {
                throw OAuthException.invalidRequest("max_age must be a number of seconds");
            }
            if (maxAge < 0) {
                throw OAuthException.invalidRequest("max_age must not be negative");
            }
        }
        String requiredAcr = null;
        if (parameters.has("acr_values")) {
            // OIDC Core §3.1.2.1: the values the client accepts, in order of preference; any listed level
            // satisfies it, so the weakest one we support is what the sign-in must reach (LoA 3 only when
            // it is the only one of ours listed, e.g. a step-up)
            List<String> acrs = List.of(parameters.get("acr_values").split(" "));
            requiredAcr = acrs.contains(AuthenticationPolicy.LOA2) ? AuthenticationPolicy.LOA2
                    : acrs.contains(AuthenticationPolicy.LOA3) ? AuthenticationPolicy.LOA3 : null;
        }
        String dpopJkt = implicit ? null : parameters.get("dpop_jkt");
        if (dpopJkt != null && !JKT.matcher(dpopJkt).matches()) {
            throw OAuthException.invalidRequest("dpop_jkt must be a base64url SHA-256 JWK thumbprint (RFC 9449 §10)");
        }
        String loginHint = parameters.get("login_hint");
        if (loginHint != null && loginHint.length() > 320) {
            loginHint = null;
        }
        return new ValidatedAuthorizationRequest(client.clientId(), redirectUri, parameters.has("redirect_uri"),
                scopes, parameters.get("state"), parameters.get("nonce"), challenge, method, prompt, maxAge,
                requiredAcr, loginHint, implicit ? ValidatedAuthorizationRequest.TOKEN : "code", dpopJkt);
    }

    private static ResponseEntity<String> errorPage(String error, String description) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Authorization error</title>"
                + "</head><body><main><h1>Authorization error / 認可エラー</h1><p><code>" + HtmlUtils.htmlEscape(error)
                + "</code></p><p>" + HtmlUtils.htmlEscape(description) + "</p></main></body></html>";
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noStore()).body(html);
    }
}
