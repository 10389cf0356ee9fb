package io.kizuna.grant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.AccessTokenIssued;
import io.kizuna.api.grant.AccessTokenRevoked;
import io.kizuna.api.grant.AuthorizationCodeIssued;
import io.kizuna.api.grant.AuthorizationCodeRedeemed;
import io.kizuna.api.grant.AuthorizationCodeReplayDetected;
import io.kizuna.api.grant.DecideDeviceAuthorizationCommand;
import io.kizuna.api.grant.DeviceAuthorizationApproved;
import io.kizuna.api.grant.DeviceAuthorizationDenied;
import io.kizuna.api.grant.DeviceAuthorizationIssued;
import io.kizuna.api.grant.DeviceCodeRedeemed;
import io.kizuna.api.grant.ExchangeTokenCommand;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.GrantOutcome;
import io.kizuna.api.grant.GrantRevoked;
import io.kizuna.api.grant.IssueAuthorizationCodeCommand;
import io.kizuna.api.grant.IssueClientCredentialsTokenCommand;
import io.kizuna.api.grant.IssueJwtBearerTokenCommand;
import io.kizuna.api.grant.IssuedToken;
import io.kizuna.api.grant.RedeemAuthorizationCodeCommand;
import io.kizuna.api.grant.RedeemDeviceCodeCommand;
import io.kizuna.api.grant.RefreshTokenIssued;
import io.kizuna.api.grant.RequestDeviceAuthorizationCommand;
import io.kizuna.api.grant.RefreshTokenReuseDetected;
import io.kizuna.api.grant.RefreshTokenRotated;
import io.kizuna.api.grant.RevokeAccessTokenCommand;
import io.kizuna.api.grant.RevokeGrantCommand;
import io.kizuna.api.grant.RotateRefreshTokenCommand;
import io.kizuna.api.member.MemberId;
import io.kizuna.ledger.Rules;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One authorization's life: code → tokens → refreshes → revocation. A replayed code and the reuse of
 * a rotated refresh token revoke the whole grant (RFC 6749 §4.1.2, RFC 9700 §4.5 and §4.14.2); those
 * refusals are returned, not thrown, so that the revocation events are kept.
 */
@Aggregate
public class Grant {
    /** RFC 8628 §7.2. */
    public static final String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";
    /** RFC 7523 §2.1. */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** RFC 8693 §2.1. */
    public static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    /** RFC 6749 §4.2 (the grant_types value of RFC 7591 §2). */
    public static final String IMPLICIT = "implicit";
    /** OpenID Connect CIBA Core 1.0 §10.1. */
    public static final String CIBA = "urn:openid:params:grant-type:ciba";
    /** CIBA Core 1.0 §10.1.1: the ID token claim that ties the tokens to the request. */
    public static final String AUTH_REQ_ID_CLAIM = "urn:openid:params:jwt:claim:auth_req_id";

    @AggregateIdentifier
    private GrantId grantId;
    private ClientId clientId;
    private MemberId memberId;
    private List<String> scopes;
    private String codeHash;
    private String redirectUri;
    private String codeChallenge;
    /** RFC 9449 §10: the DPoP key the code was bound to by {@code dpop_jkt}, else null. */
    private String codeDpopJkt;
    /** RFC 8707 §2.1: the resources the authorization request named; the token requests may narrow them. */
    private List<String> authorizedResources = List.of();
    private String nonce;
    /** The browser session the code was issued in: the ID token's {@code sid} (OIDC Back-Channel Logout §2.1). */
    private String sessionId;
    /** Member claims the claims parameter asked for in the ID token (OIDC Core §5.5); null for none. */
    private List<String> idTokenClaims;
    private List<String> amr;
    private Instant authTime;
    private Instant codeExpiresAt;
    private boolean codeRedeemed;
    private String currentRefreshHash;
    private Instant refreshExpiresAt;
    /** RFC 9449 §5: the DPoP key the current refresh token is bound to (public clients), else null. */
    private String refreshJkt;
    /** RFC 8705 §4: the TLS client certificate the current refresh token is bound to (public clients), else null. */
    private String refreshX5t;
    private final Set<String> spentRefreshHashes = new HashSet<>();
    /** Access-token hash → jti, for the tokens not revoked one by one (expired ones stay: harmless). */
    private final Map<String, String> liveAccessTokens = new HashMap<>();
    /** Access-token hash → its scopes, so an exchange narrows the token it was given, not the whole grant. */
    private final Map<String, List<String>> subjectScopes = new HashMap<>();
    private boolean revoked;
    private String deviceCodeHash;
    private Instant deviceCodeExpiresAt;
    /** null while the member has not decided; then approved or denied. */
    private Boolean deviceApproved;
    private boolean deviceCodeRedeemed;
    private String authReqIdHash;
    private Instant authReqExpiresAt;
    private List<String> acrValues;
    /** null while the member has not decided on the backchannel request; then approved or denied. */
    private Boolean backchannelApproved;
    private boolean authReqRedeemed;

    protected Grant() {
    }

    /** RFC 8628 §3.2. */
    @CommandHandler
    public Grant(RequestDeviceAuthorizationCommand command, Clock clock) {
        Rules.require(command.scopes() != null, "invalid_scope", "scopes are required");
        Rules.require(command.deviceCodeHash() != null && command.userCodeHash() != null
                && command.expiresAt() != null && command.intervalSeconds() > 0, "invalid_request",
                "device code, user code, interval and expiry are required");
        apply(new DeviceAuthorizationIssued(command.grantId(), command.clientId(), command.deviceCodeHash(),
                command.userCodeHash(), List.copyOf(command.scopes()), command.intervalSeconds(), clock.instant(),
                command.expiresAt()));
    }

    /** RFC 8628 §3.3: one decision per request, made before the codes expire. */
    @CommandHandler
    public void handle(DecideDeviceAuthorizationCommand command, Clock clock) {
        Instant now = clock.instant();
        Rules.require(deviceCodeHash != null, "invalid_request", "this grant is not a device authorization");
        Rules.require(deviceApproved == null && !revoked, "invalid_request", "the request was already decided");
        Rules.require(now.isBefore(deviceCodeExpiresAt), "expired_token", "the user code has expired");
        Rules.require(command.memberId() != null, "invalid_request", "a signed-in member decides");
        if (command.approved()) {
            apply(new DeviceAuthorizationApproved(grantId, clientId, command.memberId(),
                    command.amr() == null ? List.of() : List.copyOf(command.amr()), command.authTime(), now));
        } else {
            apply(new DeviceAuthorizationDenied(grantId, clientId, command.memberId(), now));
        }
    }

    /**
     * RFC 8628 §3.5: {@code authorization_pending} until the member decides, then tokens once, or
     * {@code access_denied}; {@code expired_token} after the lifetime. Only the client the codes were
     * issued to may poll (§3.4, RFC 6749 §5.2 {@code invalid_grant}).
     */
    @CommandHandler
    public TokenSet handle(RedeemDeviceCodeCommand command, Clock clock, TokenMinter minter) {
        Instant now = clock.instant();
        if (deviceCodeHash == null || !deviceCodeHash.equals(command.deviceCodeHash())
                || !clientId.equals(command.clientId())) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant",
                    "the device code was not issued to this client"));
        }
        if (revoked) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant", "the authorization grant was revoked"));
        }
        if (deviceCodeRedeemed) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant", "the device code was already used"));
        }
        if (!now.isBefore(deviceCodeExpiresAt)) {
            return TokenSet.refused(GrantOutcome.refused("expired_token",
                    "the device code has expired; start a new device authorization request (RFC 8628 §3.5)"));
        }
        if (deviceApproved == null) {
            return TokenSet.refused(GrantOutcome.refused("authorization_pending",
                    "the user has not yet approved the request (RFC 8628 §3.5)"));
        }
        if (!deviceApproved) {
            return TokenSet.refused(GrantOutcome.refused("access_denied", "the user denied the request"));
        }
        apply(new DeviceCodeRedeemed(grantId, clientId, deviceCodeHash, now));
        return memberTokens(DEVICE_CODE, command.accessTokenFormat(), command.withRefreshToken(), null, minter);
    }

    /**
     * RFC 6749 §4.1.2. The S256 challenge is required when the client requires PKCE (the default, always
     * for public clients); a challenge that is sent is S256 in any case, {@code plain} never (RFC 7636 §4.2).
     */
    @CommandHandler
    public Grant(IssueAuthorizationCodeCommand command, Clock clock) {
        Rules.require(command.scopes() != null && !command.scopes().isEmpty(), "invalid_scope", "no scope granted");
        Rules.require(!command.pkceRequired() || command.codeChallenge() != null,
                "invalid_request", "an S256 code_challenge is required (RFC 7636 §4.4.1, RFC 9700 §2.1.1)");
        Rules.require(command.codeChallenge() == null ? command.codeChallengeMethod() == null
                        : "S256".equals(command.codeChallengeMethod()),
                "invalid_request", "code_challenge_method must be S256 (RFC 7636 §4.2)");
        Rules.require(command.codeHash() != null && command.expiresAt() != null, "invalid_request",
                "code hash and expiry are required");
        apply(new AuthorizationCodeIssued(command.grantId(), command.clientId(), command.memberId(),
                command.sessionId(), command.codeHash(), command.redirectUri(), List.copyOf(command.scopes()),
                command.codeChallenge(), command.codeChallengeMethod(), command.nonce(),
                command.amr() == null ? List.of() : List.copyOf(command.amr()), command.authTime(),
                clock.instant(), command.expiresAt(),
                command.idTokenClaims() == null || command.idTokenClaims().isEmpty() ? null
                        : List.copyOf(command.idTokenClaims()), command.dpopJkt(),
                command.resources() == null || command.resources().isEmpty() ? null : List.copyOf(command.resources())));
    }

    /**
     * OIDC Core §5.5: the member approved claims beyond the granted scopes on this grant's consent screen; only
     * right after the code or implicit tokens of that authorization, for the same client and member.
     */
    @CommandHandler
    public void handle(io.kizuna.api.grant.ApproveClaimsCommand command, Clock clock) {
        Rules.require(!revoked && clientId.equals(command.clientId()) && memberId != null
                && memberId.equals(command.memberId()), "invalid_grant", "claims are approved on the member's own grant");
        Rules.require(command.claims() != null && !command.claims().isEmpty(), "invalid_request", "no claim approved");
        List<String> userinfo = command.userinfoClaims() == null ? List.of() : List.copyOf(command.userinfoClaims());
        Rules.require(command.claims().containsAll(userinfo), "invalid_request",
                "UserInfo releases only approved claims");
        apply(new io.kizuna.api.grant.ClaimsApproved(grantId, clientId, memberId, List.copyOf(command.claims()),
                userinfo, clock.instant()));
    }

    /** RFC 6749 §4.4: one access token for the client itself. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public TokenSet handle(IssueClientCredentialsTokenCommand command, TokenMinter minter) {
        ClientCredentialsIssued issued = clientCredentials(command, minter);
        apply(issued.event());
        return issued.tokens();
    }

    /**
     * The whole decision of a client-credentials grant (RFC 6749 §4.4): a new grant whose one and only
     * event is the access token. It depends on nothing the grant has seen before (there is nothing: the
     * grant id is new), so {@link ClientCredentialsIssuance} appends this event as the grant's first
     * event directly, without the command bus and aggregate machinery; the command handler above gives
     * the same answer through the aggregate.
     */
    public static ClientCredentialsIssued clientCredentials(IssueClientCredentialsTokenCommand command,
                                                            TokenMinter minter) {
        TokenMinter.Minted access = minter.accessToken(command.grantId(), command.clientId(), null,
                command.scopes(), null, command.accessTokenFormat());
        IssuedToken token = access.description();
        AccessTokenIssued event = accessTokenIssued(command.grantId(), command.clientId(), null,
                "client_credentials", command.scopes(), token);
        return new ClientCredentialsIssued(event, new TokenSet(GrantOutcome.ACCEPTED, access.value(),
                token.expiresAt(), null, null, List.copyOf(command.scopes())));
    }

    /** A client-credentials grant's first event and the answer to the client. */
    public record ClientCredentialsIssued(AccessTokenIssued event, TokenSet tokens) {
    }

    /**
     * RFC 7523 §2.1: one access token on a verified assertion, for the client itself or for a member
     * who consented to the client; no refresh token (the client can make a new assertion).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public TokenSet handle(IssueJwtBearerTokenCommand command, TokenMinter minter) {
        TokenMinter.Minted access = minter.accessToken(command.grantId(), command.clientId(), command.memberId(),
                command.scopes(), null, command.accessTokenFormat());
        issueAccessToken(command.grantId(), command.clientId(), command.memberId(), JWT_BEARER, command.scopes(),
                access.description());
        return new TokenSet(GrantOutcome.ACCEPTED, access.value(), access.description().expiresAt(), null, null,
                List.copyOf(command.scopes()));
    }

    /**
     * Tokens from the authorization endpoint (RFC 6749 §4.2.2; OIDC Core §3.2.2.5, §3.3.2.5): an access
     * token (never a refresh token) and/or an ID token with {@code at_hash}, {@code c_hash} and
     * {@code s_hash}. For the implicit flow this starts the grant; in a hybrid flow the grant was started a
     * moment before by the code, and the tokens join it, so a replayed code or a revocation ends them too.
     * The grant is recorded like any other, so revoking it or the member's consent ends the access token.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TokenSet handle(io.kizuna.api.grant.IssueImplicitTokenCommand command, Clock clock, TokenMinter minter) {
        Rules.require(command.memberId() != null, "invalid_request", "an implicit grant is for a signed-in member");
        Rules.require(command.scopes() != null && !command.scopes().isEmpty(), "invalid_scope", "no scope granted");
        Rules.require(command.withAccessToken() || command.withIdToken(), "invalid_request",
                "nothing to issue from the authorization endpoint");
        if (grantId != null) {
            // hybrid: only on the fresh code grant of the same client and member
            Rules.require(codeHash != null && !codeRedeemed && !revoked && clientId.equals(command.clientId())
                            && memberId.equals(command.memberId()) && command.code() != null,
                    "invalid_grant", "tokens join only the code just issued for this request");
        }
        String accessToken = null;
        Instant expiresAt = null;
        if (command.withAccessToken()) {
            TokenMinter.Minted access = minter.accessToken(command.grantId(), command.clientId(), command.memberId(),
                    command.scopes(), command.authTime(), command.accessTokenFormat());
            issueAccessToken(command.grantId(), command.clientId(), command.memberId(), IMPLICIT, command.scopes(),
                    access.description());
            accessToken = access.value();
            expiresAt = access.description().expiresAt();
        }
        String idToken = null;
        if (command.withIdToken()) {
            // a hybrid grant names the session of its code; an implicit one the session of this request
            String sid = sessionId != null ? sessionId : command.sessionId();
            idToken = minter.idToken(command.clientId(), command.memberId(), command.authTime(), command.nonce(),
                    command.amr(), accessToken, new TokenMinter.IdTokenExtras(command.code(), command.state(),
                            command.idTokenClaims(), sid));
            apply(new io.kizuna.api.grant.IdTokenIssued(command.grantId(), command.clientId(), command.memberId(),
                    command.responseType(), io.kizuna.crypto.TokenHashes.sha256(idToken), clock.instant(), sid));
        }
        return new TokenSet(GrantOutcome.ACCEPTED, accessToken, expiresAt, null, idToken,
                List.copyOf(command.scopes()));
    }

    /**
     * RFC 8693 §2.1–2.2: a new access token derived from a live access token of this grant, for the same
     * member, with a subset of its scopes, on this grant so that revoking the grant revokes it too. Refusals
     * are {@code invalid_request} (§2.2.2: an unacceptable subject token) or {@code invalid_scope}.
     */
    @CommandHandler
    public TokenSet handle(ExchangeTokenCommand command, TokenMinter minter) {
        if (revoked || !liveAccessTokens.containsKey(command.subjectTokenHash())) {
            return TokenSet.refused(GrantOutcome.refused("invalid_request",
                    "the subject_token is not an active access token (RFC 8693 §2.2.2)"));
        }
        if (!subjectScopes.getOrDefault(command.subjectTokenHash(), scopes).containsAll(command.scopes())) {
            return TokenSet.refused(GrantOutcome.refused("invalid_scope",
                    "an exchanged token may only narrow the subject token's scope (RFC 8693 §2.1)"));
        }
        TokenMinter.Minted access = minter.accessToken(grantId, command.actingClientId(), memberId, command.scopes(),
                authTime, command.accessTokenFormat());
        issueAccessToken(grantId, command.actingClientId(), memberId, TOKEN_EXCHANGE, command.scopes(),
                access.description());
        return new TokenSet(GrantOutcome.ACCEPTED, access.value(), access.description().expiresAt(), null, null,
                List.copyOf(command.scopes()));
    }

    /** RFC 6749 §4.1.3, RFC 7636 §4.6 and RFC 9449 §10 (a code bound by {@code dpop_jkt}). */
    @CommandHandler
    public TokenSet handle(RedeemAuthorizationCodeCommand command, Clock clock, TokenMinter minter) {
        Instant now = clock.instant();
        if (revoked) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant", "the authorization grant was revoked"));
        }
        if (!clientId.equals(command.clientId()) || !codeHash.equals(command.codeHash())) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant", "the code was not issued to this client"));
        }
        if (codeRedeemed) {
            apply(new AuthorizationCodeReplayDetected(grantId, clientId, command.codeHash(), now));
            apply(new GrantRevoked(grantId, clientId, memberId, "code_replay", now));
            return TokenSet.refused(GrantOutcome.refused("invalid_grant",
                    "the code was already used; the tokens issued for it are revoked"));
        }
        if (!now.isBefore(codeExpiresAt)) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant", "the code has expired"));
        }
        if (redirectUri != null && !redirectUri.equals(command.redirectUri())) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant",
                    "redirect_uri does not match the authorization request (RFC 6749 §4.1.3)"));
        }
        GrantOutcome pkce = Pkce.verify(codeChallenge, command.codeVerifier());
        if (!pkce.accepted()) {
            return TokenSet.refused(pkce);
        }
        if (codeDpopJkt != null && !codeDpopJkt.equals(command.dpopJkt())) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant",
                    "the code is bound to another DPoP key by dpop_jkt (RFC 9449 §10)"));
        }
        GrantOutcome target = checkResources();
        if (!target.accepted()) {
            return TokenSet.refused(target);
        }
        apply(new AuthorizationCodeRedeemed(grantId, clientId, codeHash, now));
        return memberTokens("authorization_code", command.accessTokenFormat(), command.withRefreshToken(), nonce,
                minter);
    }

    /**
     * RFC 8707 §2.2: a token request of a grant whose authorization request named resources may ask for
     * some of them, never for others ({@code invalid_target}).
     */
    private GrantOutcome checkResources() {
        java.util.List<String> requested = io.kizuna.protocol.oauth2.resource.ResourceIndicators.requested();
        if (!authorizedResources.isEmpty() && !authorizedResources.containsAll(requested)) {
            return GrantOutcome.refused(io.kizuna.protocol.oauth2.resource.ResourceIndicators.INVALID_TARGET,
                    "resource must be one of those of the authorization request (RFC 8707 section 2.2)");
        }
        return GrantOutcome.ACCEPTED;
    }

    /** RFC 8707 §2.2: without resource in the token request, the token is for the authorized resources. */
    private <T> T withAuthorizedResources(java.util.function.Supplier<T> minting) {
        if (authorizedResources.isEmpty()
                || !io.kizuna.protocol.oauth2.resource.ResourceIndicators.requested().isEmpty()) {
            return minting.get();
        }
        return io.kizuna.protocol.oauth2.resource.ResourceIndicators.during(authorizedResources, minting);
    }

    /**
     * The member's tokens at the end of an interactive grant (code or device): an access token, a
     * refresh token when the client may hold one, and an ID token when {@code openid} was granted.
     */
    private TokenSet memberTokens(String grantType, String accessTokenFormat, boolean withRefreshToken,
                                  String idTokenNonce, TokenMinter minter) {
        return memberTokens(grantType, accessTokenFormat, withRefreshToken, idTokenNonce, Map.of(), minter);
    }

    private TokenSet memberTokens(String grantType, String accessTokenFormat, boolean withRefreshToken,
                                  String idTokenNonce, Map<String, Object> extraClaims, TokenMinter minter) {
        TokenMinter.Minted access = withAuthorizedResources(() -> minter.accessToken(grantId, clientId, memberId,
                scopes, authTime, accessTokenFormat));
        issueAccessToken(grantId, clientId, memberId, grantType, scopes, access.description());
        String refresh = null;
        if (withRefreshToken) {
            TokenMinter.Minted minted = minter.refreshToken(clientId);
            issueRefreshToken(minted.description());
            refresh = minted.value();
        }
        String idToken = scopes.contains("openid")
                ? minter.idToken(clientId, memberId, authTime, idTokenNonce, amr, access.value(),
                        new TokenMinter.IdTokenExtras(null, null, idTokenClaims, sessionId, extraClaims)) : null;
        return new TokenSet(GrantOutcome.ACCEPTED, access.value(), access.description().expiresAt(), refresh,
                idToken, scopes);
    }

    /**
     * RFC 6749 §6 with rotation and reuse detection (RFC 9700 §4.14.2); a refresh token bound to a DPoP key
     * works only with a proof by that key (RFC 9449 §5), one bound to a TLS client certificate only over a
     * connection with that certificate (RFC 8705 §4). Without rotation ({@code rotate} false: FAPI 2.0
     * Security Profile §5.3.2.1 item 9 — its clients are confidential and sender-constrained, RFC 9700
     * §4.14.2's other protection) the same refresh token stays valid and only an access token is issued.
     */
    @CommandHandler
    public TokenSet handle(RotateRefreshTokenCommand command, Clock clock, TokenMinter minter) {
        Instant now = clock.instant();
        if (revoked) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant", "the authorization grant was revoked"));
        }
        if (!clientId.equals(command.clientId())) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant",
                    "the refresh token was not issued to this client"));
        }
        if (spentRefreshHashes.contains(command.presentedTokenHash())) {
            apply(new RefreshTokenReuseDetected(grantId, clientId, command.presentedTokenHash(), now));
            apply(new GrantRevoked(grantId, clientId, memberId, "refresh_token_reuse", now));
            return TokenSet.refused(GrantOutcome.refused("invalid_grant",
                    "the refresh token was already used; the grant is revoked"));
        }
        if (!command.presentedTokenHash().equals(currentRefreshHash)) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant", "unknown refresh token"));
        }
        if (!now.isBefore(refreshExpiresAt)) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant", "the refresh token has expired"));
        }
        if (refreshJkt != null && !refreshJkt.equals(command.dpopJkt())) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant",
                    "the refresh token is bound to another DPoP key (RFC 9449 §5)"));
        }
        if (refreshX5t != null && !refreshX5t.equals(command.x5tS256())) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant", command.x5tS256() == null
                    ? "the refresh token is bound to a TLS client certificate and none was presented (RFC 8705 §4)"
                    : "the refresh token is bound to another TLS client certificate (RFC 8705 §4)"));
        }
        List<String> requested = command.scopes() == null || command.scopes().isEmpty() ? scopes : command.scopes();
        if (!scopes.containsAll(requested)) {
            return TokenSet.refused(GrantOutcome.refused("invalid_scope",
                    "a refresh may not widen the granted scope (RFC 6749 §6)"));
        }
        GrantOutcome target = checkResources();
        if (!target.accepted()) {
            return TokenSet.refused(target);
        }
        if (command.rotate()) {
            apply(new RefreshTokenRotated(grantId, clientId, currentRefreshHash, now));
        }
        TokenMinter.Minted access = withAuthorizedResources(() -> minter.accessToken(grantId, clientId, memberId,
                requested, authTime, command.accessTokenFormat()));
        issueAccessToken(grantId, clientId, memberId, "refresh_token", requested, access.description());
        if (!command.rotate()) {
            return new TokenSet(GrantOutcome.ACCEPTED, access.value(), access.description().expiresAt(), null, null,
                    List.copyOf(requested));
        }
        TokenMinter.Minted refresh = minter.refreshToken(clientId);
        issueRefreshToken(refresh.description());
        return new TokenSet(GrantOutcome.ACCEPTED, access.value(), access.description().expiresAt(),
                refresh.value(), null, List.copyOf(requested));
    }

    /**
     * RFC 7009 §2.1: revoking a refresh token "SHOULD also invalidate all access tokens based on the same
     * authorization grant"; we always do. A grant already revoked records nothing (§2.2: still a success).
     */
    @CommandHandler
    public void handle(RevokeGrantCommand command, Clock clock) {
        Rules.require(command.clientId() == null || clientId.equals(command.clientId()), "unauthorized_client",
                "the token was not issued to this client (RFC 7009 §2.1)");
        if (!revoked) {
            apply(new GrantRevoked(grantId, clientId, memberId, command.reason(), clock.instant()));
        }
    }

    /** RFC 7009 §2.1: an access token alone; the refresh token and the grant stay valid. */
    @CommandHandler
    public void handle(RevokeAccessTokenCommand command, Clock clock) {
        Rules.require(clientId.equals(command.clientId()), "unauthorized_client",
                "the token was not issued to this client (RFC 7009 §2.1)");
        if (!revoked && liveAccessTokens.containsKey(command.tokenHash())) {
            apply(new AccessTokenRevoked(grantId, clientId, memberId, command.tokenHash(),
                    liveAccessTokens.get(command.tokenHash()), command.reason(), clock.instant()));
        }
    }

    private static void issueAccessToken(GrantId grantId, ClientId clientId, MemberId memberId, String grantType,
                                         List<String> scopes, IssuedToken token) {
        apply(accessTokenIssued(grantId, clientId, memberId, grantType, scopes, token));
    }

    /**
     * The one place an {@link AccessTokenIssued} is built from a minted token, so every binding the minter
     * records ({@code jkt}, {@code x5tS256}) reaches the ledger on the command path and the direct-append path alike.
     */
    private static AccessTokenIssued accessTokenIssued(GrantId grantId, ClientId clientId, MemberId memberId,
                                                       String grantType, List<String> scopes, IssuedToken token) {
        return new AccessTokenIssued(grantId, clientId, memberId, grantType, token.format(), token.tokenHash(),
                token.jti(), List.copyOf(scopes), token.audience(), token.issuedAt(), token.expiresAt(), token.jkt(),
                token.x5tS256());
    }

    private void issueRefreshToken(IssuedToken token) {
        apply(new RefreshTokenIssued(grantId, clientId, memberId, token.tokenHash(), List.copyOf(scopes),
                token.issuedAt(), token.expiresAt(), token.jkt(), token.x5tS256()));
    }

    @EventSourcingHandler
    void on(AuthorizationCodeIssued event) {
        grantId = event.grantId();
        clientId = event.clientId();
        memberId = event.memberId();
        scopes = event.scopes();
        codeHash = event.codeHash();
        redirectUri = event.redirectUri();
        codeChallenge = event.codeChallenge();
        codeDpopJkt = event.dpopJkt();
        authorizedResources = event.resources() == null ? List.of() : List.copyOf(event.resources());
        nonce = event.nonce();
        sessionId = event.sessionId();
        idTokenClaims = event.idTokenClaims();
        amr = event.amr();
        authTime = event.authTime();
        codeExpiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(io.kizuna.api.grant.IdTokenIssued event) {
        if (grantId == null) {
            grantId = event.grantId();
            clientId = event.clientId();
            memberId = event.memberId();
        }
        if (sessionId == null) {
            sessionId = event.sessionId();
        }
    }

    @EventSourcingHandler
    void on(DeviceAuthorizationIssued event) {
        grantId = event.grantId();
        clientId = event.clientId();
        scopes = event.scopes();
        deviceCodeHash = event.deviceCodeHash();
        deviceCodeExpiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(DeviceAuthorizationApproved event) {
        deviceApproved = true;
        memberId = event.memberId();
        amr = event.amr();
        authTime = event.authTime();
    }

    @EventSourcingHandler
    void on(DeviceAuthorizationDenied event) {
        deviceApproved = false;
        memberId = event.memberId();
    }

    @EventSourcingHandler
    void on(DeviceCodeRedeemed event) {
        deviceCodeRedeemed = true;
    }

    @EventSourcingHandler
    void on(AuthorizationCodeRedeemed event) {
        codeRedeemed = true;
    }

    @EventSourcingHandler
    void on(AccessTokenIssued event) {
        if (grantId == null) {
            grantId = event.grantId();
            clientId = event.clientId();
            memberId = event.memberId();
            scopes = event.scopes();
        }
        liveAccessTokens.put(event.tokenHash(), event.jti());
        subjectScopes.put(event.tokenHash(), event.scopes());
    }

    @EventSourcingHandler
    void on(AccessTokenRevoked event) {
        liveAccessTokens.remove(event.tokenHash());
    }

    @EventSourcingHandler
    void on(RefreshTokenIssued event) {
        currentRefreshHash = event.tokenHash();
        refreshExpiresAt = event.expiresAt();
        refreshJkt = event.jkt();
        refreshX5t = event.x5tS256();
    }

    @EventSourcingHandler
    void on(RefreshTokenRotated event) {
        spentRefreshHashes.add(event.previousTokenHash());
        currentRefreshHash = null;
    }

    @EventSourcingHandler
    void on(GrantRevoked event) {
        revoked = true;
    }

    // ---- OpenID Connect Client-Initiated Backchannel Authentication (CIBA Core 1.0) ----

    /** CIBA Core 1.0 §7.3: the request is accepted for an identified member; the ledger holds only hashes and ids. */
    @CommandHandler
    public Grant(io.kizuna.api.grant.RequestBackchannelAuthenticationCommand command, Clock clock) {
        Rules.require(command.memberId() != null, "unknown_user_id", "the member is required (CIBA §7.1)");
        Rules.require(command.scopes() != null && command.scopes().contains("openid"), "invalid_scope",
                "a backchannel authentication request needs the openid scope (CIBA §7.1)");
        Rules.require(command.authReqIdHash() != null && command.expiresAt() != null && command.intervalSeconds() > 0,
                "invalid_request", "auth_req_id hash, interval and expiry are required");
        Rules.require("poll".equals(command.deliveryMode()) || "ping".equals(command.deliveryMode()),
                "invalid_request", "the token delivery mode is poll or ping (CIBA §5)");
        apply(new io.kizuna.api.grant.BackchannelAuthenticationRequested(command.grantId(), command.clientId(),
                command.memberId(), command.authReqIdHash(), List.copyOf(command.scopes()),
                command.acrValues() == null ? List.of() : List.copyOf(command.acrValues()), command.deliveryMode(),
                command.intervalSeconds(), clock.instant(), command.expiresAt()));
    }

    /**
     * The member's decision on their authentication device: once, before expiry, by the member the request
     * names, and — when the client asked for LoA 3 ({@code acr_values}) — only from a session that reached it.
     */
    @CommandHandler
    public void handle(io.kizuna.api.grant.DecideBackchannelAuthenticationCommand command, Clock clock) {
        Instant now = clock.instant();
        Rules.require(authReqIdHash != null, "invalid_request", "this grant is not a backchannel authentication");
        Rules.require(memberId != null && memberId.equals(command.memberId()), "invalid_request",
                "only the member the request names may decide");
        Rules.require(backchannelApproved == null && !revoked, "invalid_request", "the request was already decided");
        Rules.require(now.isBefore(authReqExpiresAt), "expired_token", "the request has expired");
        if (command.approved()) {
            Rules.require(!acrValues.contains(io.kizuna.policy.AuthenticationPolicy.LOA3)
                            || io.kizuna.policy.AuthenticationPolicy.LOA3.equals(
                                    io.kizuna.policy.AuthenticationPolicy.acrOf(command.amr())),
                    "step_up_required", "the client asked for LoA 3; sign in with a second factor to approve");
            apply(new io.kizuna.api.grant.BackchannelAuthenticationApproved(grantId, clientId, memberId,
                    command.amr() == null ? List.of() : List.copyOf(command.amr()), command.authTime(), now),
                    deviceChannelMetaData(command));
        } else {
            apply(new io.kizuna.api.grant.BackchannelAuthenticationDenied(grantId, clientId, memberId, now),
                    deviceChannelMetaData(command));
        }
    }

    /**
     * The same decision event whichever channel decided; one other than the member's own device (the
     * automated-approval channel for conformance testing) is named in the event's metadata, so the ledger
     * says who decided without changing the event's payload for its consumers.
     */
    private static org.axonframework.messaging.MetaData deviceChannelMetaData(
            io.kizuna.api.grant.DecideBackchannelAuthenticationCommand command) {
        return command.deviceChannel() == null ? org.axonframework.messaging.MetaData.emptyInstance()
                : org.axonframework.messaging.MetaData.with(
                        io.kizuna.api.grant.DecideBackchannelAuthenticationCommand.DEVICE_CHANNEL_METADATA,
                        command.deviceChannel());
    }

    /**
     * CIBA Core 1.0 §10.1, §11: {@code authorization_pending} until the member decides, then tokens once
     * (a second redemption, concurrent or not, is {@code invalid_grant}), {@code access_denied} after a
     * denial, {@code expired_token} after the lifetime; only the client that made the request may redeem.
     */
    @CommandHandler
    public TokenSet handle(io.kizuna.api.grant.RedeemBackchannelAuthenticationCommand command, Clock clock,
                           TokenMinter minter) {
        Instant now = clock.instant();
        if (authReqIdHash == null || !authReqIdHash.equals(command.authReqIdHash())
                || !clientId.equals(command.clientId())) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant",
                    "the auth_req_id was not issued to this client (CIBA §11)"));
        }
        if (revoked) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant", "the authorization grant was revoked"));
        }
        if (authReqRedeemed) {
            return TokenSet.refused(GrantOutcome.refused("invalid_grant", "the auth_req_id was already used"));
        }
        if (!now.isBefore(authReqExpiresAt)) {
            return TokenSet.refused(GrantOutcome.refused("expired_token",
                    "the auth_req_id has expired; start a new backchannel authentication request (CIBA §11)"));
        }
        if (backchannelApproved == null) {
            return TokenSet.refused(GrantOutcome.refused("authorization_pending",
                    "the user has not yet been authenticated (CIBA §11)"));
        }
        if (!backchannelApproved) {
            return TokenSet.refused(GrantOutcome.refused("access_denied", "the user denied the request (CIBA §11)"));
        }
        apply(new io.kizuna.api.grant.BackchannelAuthenticationRedeemed(grantId, clientId, authReqIdHash, now));
        return memberTokens(CIBA, command.accessTokenFormat(), command.withRefreshToken(), null,
                command.authReqId() == null ? Map.of() : Map.of(AUTH_REQ_ID_CLAIM, command.authReqId()), minter);
    }

    @EventSourcingHandler
    void on(io.kizuna.api.grant.BackchannelAuthenticationRequested event) {
        grantId = event.grantId();
        clientId = event.clientId();
        memberId = event.memberId();
        scopes = event.scopes();
        acrValues = event.acrValues();
        authReqIdHash = event.authReqIdHash();
        authReqExpiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(io.kizuna.api.grant.BackchannelAuthenticationApproved event) {
        backchannelApproved = true;
        amr = event.amr();
        authTime = event.authTime();
    }

    @EventSourcingHandler
    void on(io.kizuna.api.grant.BackchannelAuthenticationDenied event) {
        backchannelApproved = false;
    }

    @EventSourcingHandler
    void on(io.kizuna.api.grant.BackchannelAuthenticationRedeemed event) {
        authReqRedeemed = true;
    }
}
