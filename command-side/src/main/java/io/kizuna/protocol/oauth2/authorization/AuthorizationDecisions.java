package io.kizuna.protocol.oauth2.authorization;

import io.kizuna.api.authorization.AuthorizationRequestService;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.consent.GrantConsentCommand;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.IssueAuthorizationCodeCommand;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.SignInService;
import io.kizuna.api.session.SignInService.BrowserSession;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.KizunaProperties;
import io.kizuna.consent.ConsentLookup;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.protocol.oauth2.error.OAuthErrors;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The member's answer to a parked authorization request: approval records the consent and issues a
 * one-time code (RFC 6749 §4.1.2); refusal returns {@code access_denied} (§4.1.2.1).
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

    public AuthorizationDecisions(PendingAuthorizations pending, ClientRegistry clients, SignInService signIn,
                                  ConsentLookup consents, LedgerCommands commands, KizunaProperties properties,
                                  Clock clock) {
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
            boolean covered = !request.prompts("consent") && signIn.findSession(sessionCookieValue)
                    .map(s -> consents.covers(s.memberId(), client.clientId(), request.scopes()))
                    .orElse(false);
            return new PendingAuthorization(requestId, client.clientId(), client.name(), client.siteUri(),
                    request.scopes(), request.scopes().contains("offline_access")
                    || client.allowsGrant("refresh_token"), covered, request.requiredAcr(), request.loginHint());
        }));
    }

    /**
     * {@code prompt=none} (OIDC Core §3.1.2.6): the session already satisfies the request; issue the code
     * if the remembered consent covers it, else answer {@code consent_required}.
     */
    public String decideWithoutInteraction(String requestId, String sessionCookieValue) {
        ValidatedAuthorizationRequest request = pending.find(requestId).orElseThrow();
        BrowserSession session = signIn.findSession(sessionCookieValue).orElseThrow();
        if (request.prompts("consent") || !consents.covers(session.memberId(), request.clientId(), request.scopes())) {
            pending.consume(requestId);
            return AuthorizationResponses.error(request.redirectUri(), "consent_required",
                    "the member has not consented to this request (OIDC Core §3.1.2.6)", request.state(),
                    properties.issuer(), request.implicit());
        }
        return decide(requestId, sessionCookieValue, true).orElseThrow();
    }

    @Override
    public Optional<String> decide(String requestId, String sessionCookieValue, boolean approved) {
        Optional<ValidatedAuthorizationRequest> found = pending.find(requestId);
        Optional<BrowserSession> session = signIn.findSession(sessionCookieValue);
        if (found.isEmpty() || session.isEmpty() || !pending.consume(requestId)) {
            return Optional.empty();
        }
        ValidatedAuthorizationRequest request = found.get();
        if (!InteractionRequirements.sessionStillSatisfies(request, session.get(), clock.instant())) {
            // max_age or acr_values are not met by this session (e.g. a step-up was skipped)
            return Optional.of(AuthorizationResponses.error(request.redirectUri(), "login_required",
                    "the sign-in does not meet max_age or acr_values (OIDC Core §3.1.2.1)", request.state(),
                    properties.issuer(), request.implicit()));
        }
        if (!approved) {
            return Optional.of(AuthorizationResponses.error(request.redirectUri(), OAuthErrors.ACCESS_DENIED,
                    "the member declined the request", request.state(), properties.issuer(), request.implicit()));
        }
        RegisteredClient client = clients.find(request.clientId()).orElseThrow();
        MemberId memberId = new MemberId(session.get().memberId());
        ClientId clientId = new ClientId(client.clientId());
        if (!consents.covers(memberId.value(), client.clientId(), request.scopes())) {
            commands.send(new GrantConsentCommand(GrantConsentCommand.consentIdOf(memberId, clientId), memberId,
                    clientId, request.scopes()));
        }
        if (request.implicit()) {
            return Optional.of(implicitToken(request, client, memberId, session.get()));
        }
        boolean pkceRequired = AuthorizationEndpoint.requiresPkce(client);
        if (pkceRequired && request.codeChallenge() == null) {
            // the client began requiring PKCE while this request was parked
            return Optional.of(AuthorizationResponses.error(request.redirectUri(), OAuthErrors.INVALID_REQUEST,
                    "code_challenge is required (RFC 7636 §4.4.1)", request.state(), properties.issuer()));
        }
        String code = TokenHashes.randomValue(32);
        commands.send(new IssueAuthorizationCodeCommand(GrantId.generate(), clientId, memberId,
                session.get().sessionId(), TokenHashes.sha256(code),
                request.redirectUriSupplied() ? request.redirectUri() : null, request.scopes(),
                request.codeChallenge(), request.codeChallengeMethod(), request.nonce(), session.get().amr(),
                session.get().authTime(), clock.instant().plus(codeLifetime(client)),
                pkceRequired));
        return Optional.of(AuthorizationResponses.code(request.redirectUri(), code, request.state(),
                properties.issuer()));
    }

    /** The configured code lifetime, at most 60 seconds for a FAPI client (FAPI 2.0 Security Profile §5.4.1). */
    private java.time.Duration codeLifetime(RegisteredClient client) {
        return codeLifetime(properties.tokens().authorizationCode(), client.profile());
    }

    static java.time.Duration codeLifetime(java.time.Duration configured, io.kizuna.client.ClientProfile profile) {
        return profile.fapi() && configured.compareTo(io.kizuna.client.ClientProfile.MAX_CODE_LIFETIME) > 0
                ? io.kizuna.client.ClientProfile.MAX_CODE_LIFETIME : configured;
    }

    /**
     * RFC 6749 §4.2.2: the access token in the fragment, no refresh token. The client may have lost the
     * implicit grant since the request was parked; then {@code unauthorized_client} (§4.2.2.1).
     */
    private String implicitToken(ValidatedAuthorizationRequest request, RegisteredClient client, MemberId memberId,
                                 BrowserSession session) {
        if (!client.allowsGrant(io.kizuna.grant.Grant.IMPLICIT)) {
            return AuthorizationResponses.error(request.redirectUri(), OAuthErrors.UNAUTHORIZED_CLIENT,
                    "this client is no longer registered for the implicit grant", request.state(),
                    properties.issuer(), true);
        }
        io.kizuna.grant.TokenSet tokens = commands.send(new io.kizuna.api.grant.IssueImplicitTokenCommand(
                GrantId.generate(), new ClientId(client.clientId()), memberId, request.scopes(), session.authTime(),
                client.accessTokenFormat()));
        long expiresIn = Math.max(0, java.time.Duration.between(clock.instant(), tokens.accessTokenExpiresAt())
                .toSeconds());
        return AuthorizationResponses.token(request.redirectUri(), tokens.accessToken(), expiresIn,
                String.join(" ", tokens.scopes()), request.state(), properties.issuer());
    }
}
