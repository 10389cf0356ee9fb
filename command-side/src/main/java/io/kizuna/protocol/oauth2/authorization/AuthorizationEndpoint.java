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
import io.kizuna.api.authorization.AuthorizationRequestService.ClientResponse;
import io.kizuna.protocol.oidc.claims.ClaimsRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * The authorization endpoint (RFC 6749 §3.1, §4.1.1; RFC 7636 §4.3; OIDC Core §3.1.2, §3.2.2, §3.3.2),
 * for GET and POST (form-encoded, OIDC Core §3.1.2.1). Response types are {@link ResponseType}'s, answered
 * in the {@code response_mode} asked for or the type's default ({@link AuthorizationResponses}). Until the client and its
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
    private final RequestObjects requestObjects;
    private final io.kizuna.protocol.oauth2.par.ParProperties par;
    private final JwtResponses responses;

    public AuthorizationEndpoint(ClientRegistry clients, PendingAuthorizations pending, SignInService signIn,
                                 KizunaProperties properties, Clock clock, AuthorizationDecisions decisions,
                                 io.kizuna.protocol.oauth2.resource.ResourceServers resourceServers,
                                 RequestObjects requestObjects, io.kizuna.protocol.oauth2.par.ParProperties par,
                                 JwtResponses responses) {
        this.responses = responses;
        this.requestObjects = requestObjects;
        this.par = par;
        this.resourceServers = resourceServers;
        this.decisions = decisions;
        this.clients = clients;
        this.pending = pending;
        this.signIn = signIn;
        this.properties = properties;
        this.clock = clock;
    }

    @RequestMapping(path = PATH, method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<String> authorize(HttpServletRequest request, HttpServletResponse servletResponse,
                                            @CookieValue(name = SignInService.SESSION_COOKIE, required = false) String session) {
        try {
            return answer(request, servletResponse, session);
        } catch (io.kizuna.api.authorization.AuthorizationRequestService.ResponseUndeliverable e) {
            // JARM §2.2: an encrypted response cannot be built (the client's jwks_uri does not answer), so
            // nothing goes back to the client; the user sees why
            return errorPage(OAuthErrors.INVALID_CLIENT, e.getMessage());
        }
    }

    private ResponseEntity<String> answer(HttpServletRequest request, HttpServletResponse servletResponse,
                                          String session) {
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
        // RFC 9101 §6.3, RFC 9126 §4: a request object or a pushed request replaces the URL's parameters
        RequestObjects.Resolved resolved;
        try {
            resolved = requestObjects.resolve(parameters, client.get());
        } catch (OAuthException e) {
            Optional<String> given = RedirectUris.resolve(parameters.get("redirect_uri"), client.get().redirectUris());
            if (given.isEmpty()) {
                return errorPage(e.error(), e.description());
            }
            return send(responses.error(client.get().clientId(), given.get(), errorMode(
                    withResponseModeHints(parameters), encryptsResponses(client.get())), e.error(), e.description(),
                    parameters.get("state")), servletResponse);
        }
        parameters = resolved.parameters();
        Optional<String> redirectUri = RedirectUris.resolve(parameters.get("redirect_uri"), client.get().redirectUris());
        if (redirectUri.isEmpty()) {
            return errorPage(OAuthErrors.INVALID_REQUEST,
                    "redirect_uri is missing or does not exactly match a registered one");
        }
        String state = parameters.get("state");
        try {
            if (par.required() && !resolved.pushed()) {
                throw OAuthException.invalidRequest(
                        "this server takes authorization requests only through the pushed authorization request "
                                + "endpoint (RFC 9126 section 5)");
            }
            enforceProfile(client.get().profile(), resolved, parameters);
            ValidatedAuthorizationRequest valid = validate(client.get(), redirectUri.get(), parameters,
                    resolved.pushed());
            // RFC 8707 §2: an unknown or unreachable resource is invalid_target here already; the token is
            // audience-restricted by the resource sent with the token request (§2.2)
            io.kizuna.protocol.oauth2.resource.ResourceIndicators.parse(parameters, client.get(), resourceServers);
            Optional<SignInService.BrowserSession> current = signIn.findSession(session);
            boolean usable = InteractionRequirements.sessionSatisfies(valid, current, clock.instant());
            if (valid.prompts("none") && !usable) {
                throw new OAuthException(400, "login_required",
                        "the member is not signed in as the request requires (OIDC Core §3.1.2.6)");
            }
            String requestId = pending.park(valid, clock.instant().plus(properties.tokens().authorizationRequest()),
                    resolved.pushedRequestUriHash());
            if (valid.prompts("none")) {
                // no page may be shown: answer at once from the session and remembered consent
                return send(decisions.decideWithoutInteraction(requestId, session), servletResponse);
            }
            String next = usable ? "/consent?request=" + requestId : "/signin?request=" + requestId;
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(next))
                    .cacheControl(CacheControl.noStore()).build();
        } catch (OAuthException e) {
            return send(responses.error(client.get().clientId(), redirectUri.get(), errorMode(parameters,
                    encryptsResponses(client.get())), e.error(), e.description(), state), servletResponse);
        }
    }

    /**
     * A redirect (302), or the form_post page (200, Form Post Response Mode §2) with its own policy set on
     * the servlet response itself so that it replaces the default one rather than adding a second.
     */
    static ResponseEntity<String> send(ClientResponse response, HttpServletResponse servletResponse) {
        if (response.formPost()) {
            servletResponse.setHeader("Content-Security-Policy", response.contentSecurityPolicy());
            return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noStore())
                    .header("Pragma", "no-cache").body(response.html());
        }
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(response.location()))
                .cacheControl(CacheControl.noStore()).build();
    }

    /**
     * How an error goes back (Multiple Response Types §5, Form Post Response Mode §2, JARM §2.3): the
     * requested response_mode ({@code jwt} resolved by the response type, §2.3.4) when it is valid for the
     * response type, else the response type's default — a JWT mode's being {@code fragment.jwt}, so that a
     * client that asked for JARM gets its error signed too. {@code encrypts}: the client registered
     * {@code authorization_encrypted_response_alg}, which lets {@code query.jwt} carry tokens (§2.3.1).
     */
    static String errorMode(OAuthParameters parameters, boolean encrypts) {
        Optional<ResponseType> type = ResponseType.parse(parameters.get("response_type"));
        String mode = parameters.get("response_mode");
        boolean tokens = type.map(ResponseType::frontChannelTokens).orElse(false);
        if (mode != null && AuthorizationResponses.MODES.contains(mode)) {
            String resolved = AuthorizationResponses.resolve(mode, type.orElse(ResponseType.CODE));
            if (AuthorizationResponses.QUERY.equals(resolved) && tokens) {
                return AuthorizationResponses.FRAGMENT;
            }
            if (AuthorizationResponses.QUERY_JWT.equals(resolved) && tokens && !encrypts) {
                return AuthorizationResponses.FRAGMENT_JWT;
            }
            return resolved;
        }
        return type.map(ResponseType::defaultResponseMode).orElse(AuthorizationResponses.QUERY);
    }

    /**
     * The URL's parameters, with {@code response_type} and {@code response_mode} taken from a signed request
     * object by value that could not be accepted, where the URL itself has none — only to choose how the
     * error goes back (RFC 9101 §6.3 puts them inside the object; a FAPI 1.0 client using JARM, §5.2.2 item
     * 2, expects its error as a JARM response too). Nothing of the object is trusted beyond that choice: the
     * redirect URI is the URL's registered one, and the URL could have named any of these modes itself.
     * An encrypted or unparsable object gives no hints.
     */
    static OAuthParameters withResponseModeHints(OAuthParameters outer) {
        if (!outer.has("request") || (outer.has("response_type") && outer.has("response_mode"))) {
            return outer;
        }
        try {
            com.nimbusds.jwt.JWT jwt = com.nimbusds.jwt.JWTParser.parse(outer.get("request"));
            if (jwt instanceof com.nimbusds.jwt.EncryptedJWT) {
                return outer;
            }
            com.nimbusds.jwt.JWTClaimsSet claims = jwt.getJWTClaimsSet();
            OAuthParameters hinted = outer;
            for (String name : new String[] {"response_type", "response_mode"}) {
                Object value = claims.getClaim(name);
                if (!outer.has(name) && value instanceof String text && text.length() <= 64) {
                    hinted = hinted.with(name, text);
                }
            }
            return hinted;
        } catch (java.text.ParseException | RuntimeException e) {
            return outer;
        }
    }

    private boolean encryptsResponses(RegisteredClient client) {
        return clients.authorizationResponse(client.clientId()).encrypts();
    }

    /**
     * The checks of an authorization request made before it is pushed (RFC 9126 §2.1: the same as at the
     * authorization endpoint), for a client already authenticated; every failure is an {@link OAuthException}.
     */
    public void check(RegisteredClient client, OAuthParameters parameters, boolean fromRequestObject) {
        enforceProfile(client.profile(), new RequestObjects.Resolved(parameters, fromRequestObject, true), parameters);
        String redirectUri = RedirectUris.resolve(parameters.get("redirect_uri"), client.redirectUris())
                .orElseThrow(() -> OAuthException.invalidRequest(
                        "redirect_uri is missing or does not exactly match a registered one (RFC 9126 section 2.1)"));
        validate(client, redirectUri, parameters, true);
        io.kizuna.protocol.oauth2.resource.ResourceIndicators.parse(parameters, client, resourceServers);
    }

    /** @param pushed the request came through the pushed authorization request endpoint (RFC 9126) */
    private ValidatedAuthorizationRequest validate(RegisteredClient client, String redirectUri,
                                                   OAuthParameters parameters, boolean pushed) {
        ResponseType type = ResponseType.parse(parameters.get("response_type")).orElseThrow(() ->
                new OAuthException(400, OAuthErrors.UNSUPPORTED_RESPONSE_TYPE, "response_type must be one of "
                        + ResponseType.SUPPORTED + " (RFC 6749 §3.1.1, OIDC Core §3)"));
        if (!client.grantTypes().containsAll(type.requiredGrantTypes())) {
            // RFC 6749 §4.2.2.1, OIDC DCR §2: tokens from the authorization endpoint need grant_types implicit,
            // which is off unless the client was registered with it; a code needs authorization_code
            throw new OAuthException(400, OAuthErrors.UNAUTHORIZED_CLIENT, "this client is not registered for "
                    + "response_type " + type.value() + " (its grant_types need " + type.requiredGrantTypes() + ")");
        }
        String responseMode = parameters.get("response_mode");
        if (responseMode != null && !AuthorizationResponses.MODES.contains(responseMode)) {
            throw OAuthException.invalidRequest("response_mode must be one of " + AuthorizationResponses.MODES
                    + " (Multiple Response Types §2.1, Form Post Response Mode §2, JARM §2.3)");
        }
        if (AuthorizationResponses.QUERY.equals(responseMode) && type.frontChannelTokens()) {
            throw OAuthException.invalidRequest("response_mode query is not allowed for a response_type that "
                    + "returns tokens (Multiple Response Types §2.1, OIDC Core §3.2.2.5)");
        }
        if (responseMode == null) {
            responseMode = type.defaultResponseMode();
        }
        // JARM §2.3.4: jwt is query.jwt for code, fragment.jwt for a type that returns tokens
        responseMode = AuthorizationResponses.resolve(responseMode, type);
        if (AuthorizationResponses.QUERY_JWT.equals(responseMode) && type.frontChannelTokens()
                && !encryptsResponses(client)) {
            throw OAuthException.invalidRequest("response_mode query.jwt is not allowed for a response_type that "
                    + "returns tokens unless the client registered authorization_encrypted_response_alg "
                    + "(JARM §2.3.1)");
        }
        List<String> scopes = Scopes.parse(parameters.get("scope"));
        if (scopes.isEmpty()) {
            throw new OAuthException(400, OAuthErrors.INVALID_SCOPE, "scope is required");
        }
        if (!client.scopes().containsAll(scopes)) {
            throw new OAuthException(400, OAuthErrors.INVALID_SCOPE, "a requested scope is not allowed for this client");
        }
        if (!type.code() && scopes.contains("offline_access")) {
            throw new OAuthException(400, OAuthErrors.INVALID_SCOPE,
                    "the implicit grant issues no refresh token, so offline_access cannot be granted (RFC 6749 §4.2.2)");
        }
        if (type.idToken() && !scopes.contains("openid")) {
            throw new OAuthException(400, OAuthErrors.INVALID_SCOPE,
                    "response_type " + type.value() + " returns an ID token, which needs the openid scope (OIDC Core §3.2.2.1)");
        }
        // OIDC Core §3.2.2.1, §3.3.2.11: nonce is required when an ID token comes from the authorization
        // endpoint; for code token (no ID token there) it stays optional, as for the code flow — the OpenID
        // Foundation's oidcc-ensure-request-without-nonce-succeeds-for-code-flow expects code token to succeed
        if (type.idToken() && (parameters.get("nonce") == null || parameters.get("nonce").isEmpty())) {
            throw OAuthException.invalidRequest("nonce is required when an ID token is returned from the "
                    + "authorization endpoint (OIDC Core §3.2.2.1, §3.3.2.11)");
        }
        if (parameters.has("nonce") && parameters.get("nonce").length() > 512) {
            throw OAuthException.invalidRequest("nonce is too long (at most 512 characters)");
        }
        ClaimsRequest claims = ClaimsRequest.parse(parameters.get("claims"));
        String challenge = parameters.get("code_challenge");
        String method = parameters.get("code_challenge_method");
        if (!type.code()) {
            // PKCE protects a code; the implicit grant has none (RFC 7636 §1)
            challenge = null;
            method = null;
        } else if (challenge == null && !requiresPkce(client, pushed)) {
            // a confidential client registered with require_pkce false (RFC 9700 §2.1.1 lets it rely on nonce)
            if (method != null) {
                throw OAuthException.invalidRequest("code_challenge_method without code_challenge (RFC 7636 §4.3)");
            }
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
            requiredAcr = weakestSupported(acrs);
        }
        if (claims != null && claims.acrEssential() && !claims.acrValues().isEmpty()) {
            // OIDC Core §5.5.1.1: acr requested as essential with value(s) is read like acr_values (a voluntary
            // one is only a preference, and the ID token says which level was reached); the stronger holds
            String fromClaims = weakestSupported(claims.acrValues());
            if (AuthenticationPolicy.LOA3.equals(fromClaims) || requiredAcr == null) {
                requiredAcr = fromClaims;
            }
        }
        String dpopJkt = !type.code() ? null : parameters.get("dpop_jkt");
        if (dpopJkt != null && !JKT.matcher(dpopJkt).matches()) {
            throw OAuthException.invalidRequest("dpop_jkt must be a base64url SHA-256 JWK thumbprint (RFC 9449 §10)");
        }
        String loginHint = parameters.get("login_hint");
        if (loginHint != null && loginHint.length() > 320) {
            loginHint = null;
        }
        return new ValidatedAuthorizationRequest(client.clientId(), redirectUri, parameters.has("redirect_uri"),
                scopes, parameters.get("state"), parameters.get("nonce"), challenge, method, prompt, maxAge,
                requiredAcr, loginHint, type.value(), responseMode, claims == null ? null : claims.json(), dpopJkt,
                // RFC 8707 §2.1: the resources the grant is for; the token request may narrow them (§2.2)
                parameters.all("resource"));
    }

    /** Any listed level satisfies the client, so the weakest one we support is what the sign-in must reach. */
    private static String weakestSupported(List<String> acrs) {
        return acrs.contains(AuthenticationPolicy.LOA2) ? AuthenticationPolicy.LOA2
                : acrs.contains(AuthenticationPolicy.LOA3) ? AuthenticationPolicy.LOA3 : null;
    }

    /** RFC 9700 §2.1.1: always for public clients; for confidential ones unless registered with require_pkce false. */
    /**
     * The per-request rules of the client's FAPI profile ({@link io.kizuna.client.ClientProfile}): pushed
     * requests (FAPI 2.0 Security Profile §5.3.2.2, RFC 9126 §5), signed request objects (FAPI 1.0
     * Advanced §5.2.2 item 1, FAPI 2.0 Message Signing §5.3.1), the allowed response types, an explicit
     * {@code redirect_uri}, and for FAPI 1.0 Advanced {@code code} only with a JARM response mode (§5.2.2
     * item 2; {@code jwt}, or one of the three it stands for — for {@code code} that is {@code query.jwt}).
     */
    private static void enforceProfile(io.kizuna.client.ClientProfile profile, RequestObjects.Resolved resolved,
                                       OAuthParameters parameters) {
        if (!profile.fapi()) {
            return;
        }
        if (profile.requiresPushedRequests() && !resolved.pushed()) {
            throw OAuthException.invalidRequest("this client's profile (" + profile.value()
                    + ") takes authorization requests only through the pushed authorization request endpoint "
                    + "(FAPI 2.0 Security Profile section 5.3.2.2, RFC 9126 section 5)");
        }
        if (profile.requiresRequestObject() && !resolved.fromObject()) {
            throw OAuthException.invalidRequest("this client's profile (" + profile.value()
                    + ") requires a signed request object (RFC 9101; FAPI 1.0 Advanced section 5.2.2)");
        }
        if (profile.requiresRequestObject() && !parameters.has("scope")) {
            // RFC 9101 §5: the object carries the request's parameters, and OIDC Core §3.1.2.1 requires scope; a
            // FAPI object without it is itself invalid (the OpenID Foundation's FAPI 1.0 plan expects
            // invalid_request or invalid_request_object here, not RFC 6749 §3.3's invalid_scope for a plain request)
            throw new OAuthException(400, RequestObjects.INVALID_REQUEST_OBJECT, "the request object must contain "
                    + "scope for this client's profile (" + profile.value() + "; RFC 9101 section 5, OIDC Core "
                    + "section 3.1.2.1)");
        }
        if (profile == io.kizuna.client.ClientProfile.FAPI1_ADVANCED
                && Scopes.parse(parameters.get("scope")).contains("openid")
                && (parameters.get("nonce") == null || parameters.get("nonce").isEmpty())) {
            throw OAuthException.invalidRequest("nonce is required with the openid scope for this client's profile "
                    + "(fapi1-advanced): FAPI 1.0 Advanced section 5.2.2.2, whatever the response type");
        }
        if (!profile.responseTypes().contains(parameters.get("response_type"))) {
            throw new OAuthException(400, OAuthErrors.UNSUPPORTED_RESPONSE_TYPE, "response_type must be one of "
                    + profile.responseTypes() + " for this client's profile (" + profile.value() + ")");
        }
        if (!parameters.has("redirect_uri")) {
            throw OAuthException.invalidRequest("redirect_uri is required for this client's profile ("
                    + profile.value() + ", FAPI 2.0 Security Profile section 5.3.2.2)");
        }
        if (profile == io.kizuna.client.ClientProfile.FAPI1_ADVANCED && "code".equals(parameters.get("response_type"))
                && !AuthorizationResponses.isJwt(parameters.get("response_mode"))) {
            throw OAuthException.invalidRequest("response_type code needs response_mode jwt for this client's "
                    + "profile (fapi1-advanced): FAPI 1.0 Advanced section 5.2.2 item 2 allows code only with "
                    + "JARM, or code id_token");
        }
    }

    static boolean requiresPkce(RegisteredClient client) {
        return client.isPublic() || client.tokenSettings().requirePkceOrDefault();
    }

    /**
     * As {@link #requiresPkce(RegisteredClient)}, and always for a FAPI client's pushed request: FAPI 1.0
     * Advanced §5.2.2 item 18 requires PKCE S256 with PAR (FAPI 2.0 takes requests only through PAR and
     * never lets a client switch PKCE off), while a FAPI 1.0 client registered with {@code require_pkce}
     * false may send its signed request object by value without one (§5.2.2: the request object, {@code
     * nonce}/{@code s_hash} or JARM protect that flow).
     */
    static boolean requiresPkce(RegisteredClient client, boolean pushed) {
        return requiresPkce(client) || (pushed && client.profile().fapi());
    }

    private static ResponseEntity<String> errorPage(String error, String description) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Authorization error</title>"
                + "</head><body><main><h1>Authorization error / 認可エラー</h1><p><code>" + HtmlUtils.htmlEscape(error)
                + "</code></p><p>" + HtmlUtils.htmlEscape(description) + "</p></main></body></html>";
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noStore()).body(html);
    }
}
