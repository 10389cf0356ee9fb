package io.kizuna.protocol.oauth2.authorization;

import io.kizuna.api.authorization.AuthorizationRequestService;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.consent.GrantConsentCommand;
import io.kizuna.api.grant.ApproveClaimsCommand;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.IssueAuthorizationCodeCommand;
import io.kizuna.api.grant.IssueImplicitTokenCommand;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.SignInService;
import io.kizuna.api.session.SignInService.BrowserSession;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.KizunaProperties;
import io.kizuna.consent.ConsentLookup;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.grant.TokenSet;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.protocol.oauth2.error.OAuthErrors;
import io.kizuna.protocol.oidc.claims.ClaimsRequest;
import io.kizuna.protocol.oidc.claims.ClaimsRelease;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The member's answer to a parked authorization request: approval records the consent and issues what
 * the response type asks for — a one-time code (RFC 6749 §4.1.2), an access token (§4.2.2), an ID token
 * (OIDC Core §3.2.2.5, §3.3.2.5), together in a hybrid flow on one grant — answered in the request's
 * response mode (JWT-secured in JARM's modes, {@link JwtResponses}); refusal returns {@code access_denied}
 * (§4.1.2.1) the same way.
 */
@Service
public class AuthorizationDecisions implements AuthorizationRequestService {
    private final PendingAuthorizations pending;
    private final ClientRegistry clients;
    private final SignInService signIn;
    private final ConsentLookup consents;
    private final LedgerCommands commands;
    private final KizunaProperties properties;
    private final Clock clock;
    private final JwtResponses responses;
    private final io.kizuna.api.member.ProfileService profiles;

    public AuthorizationDecisions(PendingAuthorizations pending, ClientRegistry clients, SignInService signIn,
                                  ConsentLookup consents, LedgerCommands commands, KizunaProperties properties,
                                  Clock clock, JwtResponses responses, io.kizuna.api.member.ProfileService profiles) {
        this.responses = responses;
        this.profiles = profiles;
        this.pending = pending;
        this.clients = clients;
        this.signIn = signIn;
        this.consents = consents;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Optional<PendingAuthorization> describe(String requestId, String sessionCookieValue) {
        return pending.find(requestId).flatMap(request -> clients.find(request.clientId()).map(client -> {
            // OIDC Core §5.5: claims asked for beyond the scopes are approved on the consent screen each time
            ClaimsRequest claims = ClaimsRequest.parse(request.claims());
            List<String> beyondScope = ClaimsRelease.beyondScope(claims, request.scopes());
            boolean covered = !request.prompts("consent") && beyondScope.isEmpty()
                    && signIn.findSession(sessionCookieValue)
                    .map(s -> consents.covers(s.memberId(), client.clientId(), request.scopes()))
                    .orElse(false);
            return new PendingAuthorization(requestId, client.clientId(), client.name(), client.siteUri(),
                    request.scopes(), request.scopes().contains("offline_access")
                    || client.allowsGrant("refresh_token"), covered, request.requiredAcr(), request.loginHint(),
                    beyondScope, ClaimsRelease.essentialBeyondScope(claims, request.scopes()),
                    new io.kizuna.api.authorization.AuthorizationRequestService.ClientLinks(client.presentation().logoUri(),
                            client.presentation().policyUri(), client.presentation().tosUri()));
        }));
    }

    /**
     * {@code prompt=none} (OIDC Core §3.1.2.6): the session already satisfies the request; answer at once
     * if the remembered consent covers it, else {@code consent_required}.
     */
    public ClientResponse decideWithoutInteraction(String requestId, String sessionCookieValue) {
        ValidatedAuthorizationRequest request = pending.find(requestId).orElseThrow();
        BrowserSession session = signIn.findSession(sessionCookieValue).orElseThrow();
        if (request.prompts("consent") || !consents.covers(session.memberId(), request.clientId(), request.scopes())
                || !ClaimsRelease.beyondScope(ClaimsRequest.parse(request.claims()), request.scopes()).isEmpty()) {
            pending.consume(requestId);
            return error(request, "consent_required",
                    "the member has not consented to this request (OIDC Core §3.1.2.6)");
        }
        return respond(requestId, sessionCookieValue, true).orElseThrow();
    }

    /** The redirect of {@link #respond}; empty for a form_post request, whose answer is a page. */
    @Override
    public Optional<String> decide(String requestId, String sessionCookieValue, boolean approved) {
        return respond(requestId, sessionCookieValue, approved).map(ClientResponse::location);
    }

    @Override
    public Optional<ClientResponse> cancel(String requestId) {
        Optional<ValidatedAuthorizationRequest> found = pending.find(requestId);
        if (found.isEmpty() || !pending.consume(requestId)) {
            return Optional.empty();
        }
        return Optional.of(error(found.get(), OAuthErrors.ACCESS_DENIED, "the member cancelled the sign-in"));
    }

    @Override
    public Optional<ClientResponse> respond(String requestId, String sessionCookieValue, boolean approved) {
        Optional<ValidatedAuthorizationRequest> found = pending.find(requestId);
        Optional<BrowserSession> session = signIn.findSession(sessionCookieValue);
        // JARM §2.2: a response that cannot be encrypted to the client now is not issued; the request stays
        // pending (until it expires) rather than spending a code nobody can receive
        found.ifPresent(request -> responses.ensureDeliverable(request.clientId(), request.responseMode()));
        if (found.isEmpty() || session.isEmpty() || !pending.consume(requestId)) {
            return Optional.empty();
        }
        ValidatedAuthorizationRequest request = found.get();
        if (!InteractionRequirements.sessionStillSatisfies(request, session.get(), clock.instant())) {
            // max_age or acr_values are not met by this session (e.g. a step-up was skipped)
            return Optional.of(error(request, "login_required",
                    "the sign-in does not meet max_age or acr_values (OIDC Core §3.1.2.1)"));
        }
        if (!approved) {
            return Optional.of(error(request, OAuthErrors.ACCESS_DENIED, "the member declined the request"));
        }
        RegisteredClient client = clients.find(request.clientId()).orElseThrow();
        ResponseType type = request.type();
        if (!client.grantTypes().containsAll(type.requiredGrantTypes())) {
            // the client lost the grant type since the request was parked (RFC 6749 §4.2.2.1)
            return Optional.of(error(request, OAuthErrors.UNAUTHORIZED_CLIENT,
                    "this client is no longer registered for response_type " + type.value()));
        }
        boolean pkceRequired = type.code() && AuthorizationEndpoint.requiresPkce(client);
        if (pkceRequired && request.codeChallenge() == null) {
            // the client began requiring PKCE while this request was parked
            return Optional.of(error(request, OAuthErrors.INVALID_REQUEST,
                    "code_challenge is required (RFC 7636 §4.4.1)"));
        }
        MemberId memberId = new MemberId(session.get().memberId());
        ClientId clientId = new ClientId(client.clientId());
        if (!consents.covers(memberId.value(), client.clientId(), request.scopes())) {
            commands.send(new GrantConsentCommand(GrantConsentCommand.consentIdOf(memberId, clientId), memberId,
                    clientId, request.scopes()));
        }
        GrantId grantId = GrantId.generate();
        Map<String, String> params = new LinkedHashMap<>();
        String code = null;
        ClaimsRequest claims = ClaimsRequest.parse(request.claims());
        // OIDC Core §5.5.1 value/values are compared with the member's data as it is now
        io.kizuna.api.member.PersonalData member = claims == null ? null : profiles.current(memberId);
        if (type.code()) {
            code = TokenHashes.randomValue(32);
            commands.send(new IssueAuthorizationCodeCommand(grantId, clientId, memberId, session.get().sessionId(),
                    TokenHashes.sha256(code), request.redirectUriSupplied() ? request.redirectUri() : null,
                    request.scopes(), request.codeChallenge(), request.codeChallengeMethod(), request.nonce(),
                    session.get().amr(), session.get().authTime(),
                    clock.instant().plus(codeLifetime(client)), pkceRequired,
                    claims == null ? null : ClaimsRelease.idTokenClaims(claims, request.scopes(), false, member),
                    request.dpopJkt(), request.resources() == null || request.resources().isEmpty() ? null
                            : List.copyOf(request.resources())));
            params.put("code", code);
        }
        if (type.frontChannelTokens()) {
            boolean idToken = type.idToken() && request.scopes().contains("openid");
            // OIDC Core §5.4: without an access token (id_token alone) the scope's claims go in the ID token;
            // otherwise only those the claims parameter asks for (§5.5), as far as the scope covers them
            List<String> idTokenClaims = !idToken ? List.of()
                    : ClaimsRelease.idTokenClaims(claims, request.scopes(), !type.token() && !type.code(), member);
            TokenSet tokens = commands.send(new IssueImplicitTokenCommand(grantId, clientId, memberId,
                    request.scopes(), session.get().authTime(), client.accessTokenFormat(), type.value(), type.token(),
                    idToken, request.nonce(), session.get().amr(), code, request.state(), idTokenClaims,
                    session.get().sessionId()));
            if (type.token()) {
                params.put("access_token", tokens.accessToken());
                params.put("token_type", "Bearer");
                params.put("expires_in", Long.toString(Math.max(0,
                        Duration.between(clock.instant(), tokens.accessTokenExpiresAt()).toSeconds())));
                params.put("scope", String.join(" ", tokens.scopes()));
            }
            if (tokens.idToken() != null) {
                params.put("id_token", tokens.idToken());
            }
        }
        List<String> beyondScope = ClaimsRelease.beyondScope(claims, request.scopes());
        if (!beyondScope.isEmpty()) {
            // the consent screen listed these claims and the member approved: the grant records them (names only)
            commands.send(new ApproveClaimsCommand(grantId, clientId, memberId, beyondScope,
                    ClaimsRelease.userinfoClaimsBeyondScope(claims, request.scopes(), member)));
        }
        return Optional.of(responses.respond(request.clientId(), request.redirectUri(), request.responseMode(), params,
                request.state()));
    }

    /** The configured code lifetime, at most 60 seconds for a FAPI client (FAPI 2.0 Security Profile §5.4.1). */
    private Duration codeLifetime(RegisteredClient client) {
        return codeLifetime(properties.tokens().authorizationCode(), client.profile());
    }

    static Duration codeLifetime(Duration configured, io.kizuna.client.ClientProfile profile) {
        return profile.fapi() && configured.compareTo(io.kizuna.client.ClientProfile.MAX_CODE_LIFETIME) > 0
                ? io.kizuna.client.ClientProfile.MAX_CODE_LIFETIME : configured;
    }

    private ClientResponse error(ValidatedAuthorizationRequest request, String error, String description) {
        return responses.error(request.clientId(), request.redirectUri(), request.responseMode(), error, description,
                request.state());
    }
}
