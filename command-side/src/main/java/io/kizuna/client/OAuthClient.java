package io.kizuna.client;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.client.ChangeClientResponseProtectionCommand;
import io.kizuna.api.client.ChangeClientTokenSettingsCommand;
import io.kizuna.api.client.ClientResponseProtectionChanged;
import io.kizuna.api.client.ClientDeleted;
import io.kizuna.api.client.ClientTokenSettingsChanged;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientType;
import io.kizuna.api.client.ClientUpdated;
import io.kizuna.api.client.DeleteClientCommand;
import io.kizuna.api.client.IssueRegistrationAccessTokenCommand;
import io.kizuna.api.client.RegisterClientCommand;
import io.kizuna.api.client.RegistrationAccessTokenIssued;
import io.kizuna.api.client.RotateClientSecretCommand;
import io.kizuna.api.client.ClientSecretRotated;
import io.kizuna.api.client.UpdateClientCommand;
import io.kizuna.ledger.Rules;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** An OAuth 2.0 client registration (RFC 6749 §2, RFC 7591 §2 metadata). */
@Aggregate
public class OAuthClient {

    /** {@code implicit} (RFC 6749 §4.2): only for clients registered with it explicitly, never by default. */
    static final Set<String> SUPPORTED_GRANT_TYPES =
            Set.of("authorization_code", "implicit", "refresh_token", "client_credentials",
                    io.kizuna.grant.Grant.DEVICE_CODE, io.kizuna.grant.Grant.JWT_BEARER,
                    io.kizuna.grant.Grant.TOKEN_EXCHANGE, io.kizuna.grant.Grant.CIBA);
    static final Set<String> SUPPORTED_AUTH_METHODS =
            Set.of("client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none",
                    "tls_client_auth", "self_signed_tls_client_auth");
    /** Methods whose credential is not a shared secret (RFC 7523 §2.2, RFC 8705 §2). */
    static final Set<String> WITHOUT_SECRET = Set.of("private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth");
    /** Methods whose credential is the client's registered public keys. */
    static final Set<String> KEY_METHODS = Set.of("private_key_jwt", "self_signed_tls_client_auth");

    static final Set<String> ACCESS_TOKEN_FORMATS = Set.of(ClientRegistered.JWT, ClientRegistered.OPAQUE);

    static final Set<String> FORBIDDEN_SCHEMES = Set.of("javascript", "data", "vbscript", "file", "about", "blob");

    @AggregateIdentifier
    private ClientId clientId;
    private ClientType type;
    private String authMethod;
    private boolean deleted;
    private TokenSettings tokenSettings = TokenSettings.DEFAULTS;
    private ClientProfile profile = ClientProfile.NONE;
    /** The registered JWK set: encryption settings need a key to encrypt to. */
    private String jwks;
    /** The registered jwks_uri (RFC 7591 §2), the other place encryption keys may come from. */
    private String jwksUri;
    private AuthorizationResponseSettings authorizationResponse = AuthorizationResponseSettings.NONE;

    protected OAuthClient() {
    }

    @CommandHandler
    public OAuthClient(RegisterClientCommand command, Clock clock) {
        boolean isPublic = command.type() == ClientType.PUBLIC;
        Rules.require(SUPPORTED_AUTH_METHODS.contains(command.tokenEndpointAuthMethod()),
                "invalid_client_metadata", "unsupported token_endpoint_auth_method");
        Rules.require(isPublic == "none".equals(command.tokenEndpointAuthMethod()), "invalid_client_metadata",
                "public clients use token_endpoint_auth_method none, confidential clients a secret");
        boolean keyClient = KEY_METHODS.contains(command.tokenEndpointAuthMethod());
        Rules.require(isPublic || WITHOUT_SECRET.contains(command.tokenEndpointAuthMethod())
                        || command.secretHash() != null, "invalid_client_metadata",
                "a confidential client needs a secret");
        List<String> redirectUris = checkMetadata(isPublic, command.tokenEndpointAuthMethod(), command.name(),
                command.grantTypes(), command.redirectUris(), command.jwks(), command.jwksUri(),
                command.accessTokenFormat());
        String format = command.accessTokenFormat() == null ? ClientRegistered.JWT : command.accessTokenFormat();
        apply(new ClientRegistered(command.clientId(), command.name().strip(), command.type(),
                command.secretHash(), command.tokenEndpointAuthMethod(), List.copyOf(redirectUris),
                List.copyOf(command.grantTypes()), command.scopes() == null ? List.of() : List.copyOf(command.scopes()),
                command.siteUri(), clock.instant(), format, command.jwks()));
    }

    /** RFC 7592 §2.2: the request replaces every metadata value; the credential and its method stay. */
    @CommandHandler
    public void handle(UpdateClientCommand command, Clock clock) {
        requireNotDeleted();
        Rules.require(command.tokenEndpointAuthMethod() == null || authMethod.equals(command.tokenEndpointAuthMethod()),
                "invalid_client_metadata", "token_endpoint_auth_method cannot be changed by an update");
        boolean isPublic = type == ClientType.PUBLIC;
        List<String> redirectUris = checkMetadata(isPublic, authMethod, command.name(), command.grantTypes(),
                command.redirectUris(), command.jwks(), command.jwksUri(), command.accessTokenFormat());
        String format = command.accessTokenFormat() == null ? ClientRegistered.JWT : command.accessTokenFormat();
        apply(new ClientUpdated(clientId, command.name().strip(), List.copyOf(redirectUris),
                List.copyOf(command.grantTypes()), command.scopes() == null ? List.of() : List.copyOf(command.scopes()),
                command.siteUri(), format, command.jwks(), clock.instant()));
    }

    /** RFC 7592 §2.3. Deleting twice is refused, so the ledger holds one deletion per client. */
    @CommandHandler
    public void handle(DeleteClientCommand command, Clock clock) {
        requireNotDeleted();
        apply(new ClientDeleted(clientId, clock.instant()));
    }

    /** Replaces the token settings ({@link TokenSettings}: signing algorithms and lifetimes). */
    @CommandHandler
    public void handle(ChangeClientTokenSettingsCommand command, Clock clock) {
        requireNotDeleted();
        TokenSettings settings = new TokenSettings(command.accessTokenSigningAlg(), command.idTokenSignedResponseAlg(),
                command.accessTokenLifetime(), command.refreshTokenLifetime(), command.idTokenLifetime(),
                command.requirePkce(), command.dpopBoundAccessTokens());
        settings.check();
        // RFC 9700 §2.1.1: public clients always use PKCE; only a confidential client may opt out
        Rules.require(settings.requirePkceOrDefault() || type == ClientType.CONFIDENTIAL, "invalid_client_metadata",
                "require_pkce false is only for confidential clients; public clients always use PKCE (RFC 9700 §2.1.1)");
        checkProfile(profile, settings);
        apply(new ClientTokenSettingsChanged(clientId, settings.accessTokenSigningAlg(),
                settings.idTokenSignedResponseAlg(), settings.accessTokenLifetime(), settings.refreshTokenLifetime(),
                settings.idTokenLifetime(), clock.instant(), settings.requirePkce(), settings.dpopBoundAccessTokens()));
    }

    /**
     * Sets the security profile ({@link ClientProfile}); a FAPI profile is refused unless the client
     * already meets what the profile cannot switch on by itself: a confidential client authenticating
     * with {@code private_key_jwt} or mutual TLS, PKCE not switched off, signing algorithms the profile
     * allows. Everything else (PAR, request objects, response types) the profile enforces per request.
     */
    @CommandHandler
    public void handle(io.kizuna.api.client.ChangeClientProfileCommand command, Clock clock) {
        requireNotDeleted();
        ClientProfile wanted = ClientProfile.of(command.profile()).orElseThrow(() -> new io.kizuna.api.LedgerRejection(
                "invalid_client_metadata", "client_profile must be none, fapi1-advanced, fapi2-security or "
                        + "fapi2-message-signing"));
        checkProfile(wanted, tokenSettings);
        apply(new io.kizuna.api.client.ClientProfileChanged(clientId, wanted.value(), clock.instant()));
    }

    private void checkProfile(ClientProfile wanted, TokenSettings settings) {
        if (!wanted.fapi()) {
            return;
        }
        Rules.require(type == ClientType.CONFIDENTIAL && ClientProfile.FAPI_AUTH_METHODS.contains(authMethod),
                "invalid_client_metadata", "a FAPI client is confidential and authenticates with private_key_jwt, "
                        + "tls_client_auth or self_signed_tls_client_auth (FAPI 2.0 Security Profile section 5.3.2.1)");
        // FAPI 2.0 SP §5.3.2.2 item 3: PKCE always. FAPI 1.0 Advanced §5.2.2 item 18 asks it only with PAR,
        // which the authorization endpoint enforces per request; such a client may switch it off for requests
        // by value
        Rules.require(settings.requirePkceOrDefault() || wanted == ClientProfile.FAPI1_ADVANCED,
                "invalid_client_metadata", "a FAPI 2.0 client always uses PKCE; require_pkce cannot be false (FAPI 2.0 "
                        + "Security Profile section 5.3.2.2)");
        for (String alg : new String[] {settings.accessTokenSigningAlgOrDefault(),
                settings.idTokenSignedResponseAlgOrDefault()}) {
            Rules.require(wanted.signingAlgorithms().contains(alg), "invalid_client_metadata",
                    alg + " is not allowed for " + wanted.value() + "; use one of " + wanted.signingAlgorithms()
                            + " (FAPI 2.0 Security Profile section 5.4.1)");
        }
        String jarmAlg = authorizationResponse.signedResponseAlgOrDefault(wanted);
        Rules.require(wanted.signingAlgorithms().contains(jarmAlg), "invalid_client_metadata",
                "authorization_signed_response_alg " + jarmAlg + " is not allowed for " + wanted.value()
                        + "; use one of " + wanted.signingAlgorithms() + " (JARM section 3)");
    }

    /** Replaces the mutual-TLS settings ({@link MtlsSettings}, RFC 8705 §2.1.2, §3.4). */
    @CommandHandler
    public void handle(io.kizuna.api.client.ChangeClientMtlsSettingsCommand command, Clock clock) {
        requireNotDeleted();
        MtlsSettings settings = new MtlsSettings(command.subjectDn(), command.sanDns(), command.sanUri(),
                command.sanIp(), command.sanEmail(), command.certificateBoundAccessTokens());
        settings.check(authMethod);
        apply(new io.kizuna.api.client.ClientMtlsSettingsChanged(clientId, settings.subjectDn(), settings.sanDns(),
                settings.sanUri(), settings.sanIp(), settings.sanEmail(), settings.certificateBoundAccessTokens(),
                clock.instant()));
    }

    /** Replaces the logout metadata ({@link LogoutSettings}: post-logout redirect URIs, back-channel logout). */
    @CommandHandler
    public void handle(io.kizuna.api.client.ChangeClientLogoutSettingsCommand command, Clock clock,
                       io.kizuna.config.KizunaProperties properties) {
        requireNotDeleted();
        LogoutSettings settings = new LogoutSettings(command.postLogoutRedirectUris(), command.backchannelLogoutUri(),
                command.backchannelLogoutSessionRequired(), command.frontchannelLogoutUri(),
                command.frontchannelLogoutSessionRequired());
        settings.check(type == ClientType.PUBLIC, BackchannelSettings.loopbackHttpAllowed(properties));
        apply(new io.kizuna.api.client.ClientLogoutSettingsChanged(clientId, settings.postLogoutRedirectUris(),
                settings.backchannelLogoutUri(), settings.backchannelLogoutSessionRequired(), clock.instant(),
                settings.frontchannelLogoutUri(), settings.frontchannelLogoutSessionRequired()));
    }

    /**
     * Replaces the ID token / UserInfo protection ({@link ResponseProtection}, OIDC DCR §2); encryption
     * needs a suitable public key in the client's jwks, or a jwks_uri.
     */
    @CommandHandler
    public void handle(ChangeClientResponseProtectionCommand command, Clock clock) {
        requireNotDeleted();
        ResponseProtection wanted = new ResponseProtection(command.idTokenEncryptedResponseAlg(),
                command.idTokenEncryptedResponseEnc(), command.userinfoSignedResponseAlg(),
                command.userinfoEncryptedResponseAlg(), command.userinfoEncryptedResponseEnc(), command.jwksUri());
        wanted.check(jwks);
        // RFC 7523 §2.2: a private_key_jwt client keeps a way to publish its keys
        Rules.require(!"private_key_jwt".equals(authMethod) || jwks != null || wanted.jwksUri() != null,
                "invalid_client_metadata", "private_key_jwt requires jwks or jwks_uri (RFC 7591 section 2)");
        apply(new ClientResponseProtectionChanged(clientId, wanted.idTokenEncryptedResponseAlg(),
                wanted.idTokenEncryptedResponseEnc(), wanted.userinfoSignedResponseAlg(),
                wanted.userinfoEncryptedResponseAlg(), wanted.userinfoEncryptedResponseEnc(), wanted.jwksUri(),
                clock.instant()));
    }

    /**
     * Replaces the JARM settings ({@link AuthorizationResponseSettings}, JARM §3): the signing algorithm
     * (one the client's profile allows), and encryption, which needs a suitable public key in the client's
     * jwks, or a jwks_uri.
     */
    @CommandHandler
    public void handle(io.kizuna.api.client.ChangeClientAuthorizationResponseCommand command, Clock clock) {
        requireNotDeleted();
        AuthorizationResponseSettings wanted = new AuthorizationResponseSettings(
                command.authorizationSignedResponseAlg(), command.authorizationEncryptedResponseAlg(),
                command.authorizationEncryptedResponseEnc());
        wanted.check(jwks, jwksUri, profile);
        apply(new io.kizuna.api.client.ClientAuthorizationResponseChanged(clientId, wanted.signedResponseAlg(),
                wanted.encryptedResponseAlg(), wanted.encryptedResponseEnc(), clock.instant()));
    }

    /**
     * Replaces the request-object metadata ({@link RequestObjectSettings}: registered request_uris, OIDC
     * Core §6.2; request-object encryption, §6.1). The https-only rule for request_uris is configuration
     * ({@code kizuna.request-uri.allow-http}) and is checked before the command; here http or https.
     */
    @CommandHandler
    public void handle(io.kizuna.api.client.ChangeClientRequestObjectSettingsCommand command, Clock clock) {
        requireNotDeleted();
        RequestObjectSettings settings = new RequestObjectSettings(command.requestUris(),
                command.requestObjectEncryptionAlg(), command.requestObjectEncryptionEnc());
        settings.check(true);
        apply(new io.kizuna.api.client.ClientRequestObjectSettingsChanged(clientId, settings.requestUris(),
                settings.requestObjectEncryptionAlg(), settings.requestObjectEncryptionEnc(), clock.instant()));
    }

    /**
     * Replaces what the member is shown about the client ({@link ClientPresentation}: {@code logo_uri},
     * {@code policy_uri}, {@code tos_uri}, OIDC DCR §2); https only, http to a loopback host only when this
     * server itself runs on http.
     */
    @CommandHandler
    public void handle(io.kizuna.api.client.ChangeClientPresentationCommand command, Clock clock,
                       io.kizuna.config.KizunaProperties properties) {
        requireNotDeleted();
        ClientPresentation presentation = new ClientPresentation(command.logoUri(), command.policyUri(),
                command.tosUri());
        presentation.check(BackchannelSettings.loopbackHttpAllowed(properties));
        apply(new io.kizuna.api.client.ClientPresentationChanged(clientId, presentation.logoUri(),
                presentation.policyUri(), presentation.tosUri(), clock.instant()));
    }

    /** Replaces the CIBA metadata ({@link BackchannelSettings}, CIBA Core 1.0 §4); public clients have none. */
    @CommandHandler
    public void handle(io.kizuna.api.client.ChangeClientBackchannelSettingsCommand command, Clock clock,
                       io.kizuna.config.KizunaProperties properties) {
        requireNotDeleted();
        BackchannelSettings settings = new BackchannelSettings(command.deliveryMode(), command.notificationEndpoint(),
                command.requestSigningAlg(), command.userCodeParameter());
        Rules.require(type != ClientType.PUBLIC || settings.isNone(), "invalid_client_metadata",
                "backchannel authentication is for confidential clients only (CIBA Core 1.0 §4)");
        settings.check(BackchannelSettings.loopbackHttpAllowed(properties));
        apply(new io.kizuna.api.client.ClientBackchannelSettingsChanged(clientId, settings.deliveryMode(),
                settings.notificationEndpoint(), settings.requestSigningAlg(), settings.userCodeParameter(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(IssueRegistrationAccessTokenCommand command, Clock clock) {
        requireNotDeleted();
        Rules.require(command.tokenHash() != null && !command.tokenHash().isBlank(), "invalid_request",
                "a registration access token hash is required");
        apply(new RegistrationAccessTokenIssued(clientId, command.tokenHash(), clock.instant()));
    }

    /**
     * RFC 6749 §2.3.1: a new secret replaces the old one at once. Only clients that authenticate with a
     * shared secret have one to rotate; public and {@code private_key_jwt} clients are refused.
     */
    @CommandHandler
    public void handle(RotateClientSecretCommand command, Clock clock) {
        requireNotDeleted();
        Rules.require(type == ClientType.CONFIDENTIAL && !WITHOUT_SECRET.contains(authMethod)
                        && !"none".equals(authMethod), "invalid_client_metadata",
                "only a client that authenticates with a secret has a secret to rotate");
        Rules.require(command.secretHash() != null && !command.secretHash().isBlank(), "invalid_request",
                "the new secret's hash is required");
        apply(new ClientSecretRotated(clientId, command.secretHash(), command.requestedBy(), clock.instant()));
    }

    private void requireNotDeleted() {
        Rules.require(!deleted, "invalid_client", "the client has been deleted");
    }

    /** The metadata rules shared by registration and update; returns the redirect URIs (never null). */
    private static List<String> checkMetadata(boolean isPublic, String authMethod, String name,
                                              List<String> grantTypes, List<String> redirectUris, String jwks,
                                              String jwksUri, String accessTokenFormat) {
        Rules.require(name != null && !name.isBlank(), "invalid_client_metadata", "client_name is required");
        Rules.require(grantTypes != null && !grantTypes.isEmpty() && SUPPORTED_GRANT_TYPES.containsAll(grantTypes),
                "invalid_client_metadata", "grant_types must be a non-empty subset of " + SUPPORTED_GRANT_TYPES);
        // RFC 7591 §2: the keys by value (jwks) or by reference (jwks_uri, fetched when an assertion arrives)
        Rules.require(!"private_key_jwt".equals(authMethod) || ClientKeys.validPublicJwks(jwks)
                        || (jwks == null && jwksUri != null), "invalid_client_metadata",
                "private_key_jwt requires jwks (public EC P-256, RSA of 2048 bits or more, or Ed25519 keys only) "
                        + "or jwks_uri (RFC 7591 §2, RFC 7523 §2.2)");
        Rules.require(!"self_signed_tls_client_auth".equals(authMethod) || ClientKeys.validPublicJwks(jwks),
                "invalid_client_metadata",
                "self_signed_tls_client_auth requires jwks holding the certificate's public key (RFC 8705 section 2.2.2)");
        // any client may register keys (OIDC Core §10.2: the keys ID tokens and UserInfo are encrypted to)
        Rules.require(jwks == null || ClientKeys.validPublicJwks(jwks), "invalid_client_metadata",
                "jwks must hold public EC P-256, RSA (2048 bits or more) or Ed25519 keys only (RFC 7591 §2)");
        Rules.require(!grantTypes.contains(io.kizuna.grant.Grant.JWT_BEARER) || KEY_METHODS.contains(authMethod),
                "invalid_client_metadata", "the jwt-bearer grant needs registered keys: token_endpoint_auth_method "
                        + "private_key_jwt with jwks (RFC 7523 §2.1)");
        Rules.require(!isPublic || !grantTypes.contains(io.kizuna.grant.Grant.TOKEN_EXCHANGE),
                "invalid_client_metadata", "token exchange requires a confidential client (RFC 8693 §5)");
        Rules.require(!isPublic || !grantTypes.contains(io.kizuna.grant.Grant.CIBA), "invalid_client_metadata",
                "the CIBA grant requires a confidential client (CIBA Core 1.0 §4, §7.1)");
        Rules.require(!isPublic || !grantTypes.contains("client_credentials"), "invalid_client_metadata",
                "client_credentials requires a confidential client (RFC 6749 §4.4)");
        List<String> uris = redirectUris == null ? List.of() : redirectUris;
        Rules.require(!grantTypes.contains("authorization_code") || !uris.isEmpty(),
                "invalid_redirect_uri", "authorization_code clients must register redirect_uris");
        Rules.require(!grantTypes.contains("implicit") || !uris.isEmpty(),
                "invalid_redirect_uri", "implicit clients must register redirect_uris (RFC 6749 §4.2.1)");
        uris.forEach(uri -> checkRedirectUri(uri, isPublic));
        Rules.require(accessTokenFormat == null || ACCESS_TOKEN_FORMATS.contains(accessTokenFormat),
                "invalid_client_metadata", "access_token_format must be jwt or opaque");
        return uris;
    }

    /**
     * RFC 6749 §3.1.2: absolute, no fragment; RFC 9700 §2.1: compared exactly, so no wildcards. Native
     * apps (RFC 8252 §7) may use a private-use scheme ({@code com.example.app:/cb}, §7.1), a claimed
     * https URI (§7.2) or an http loopback IP literal (§7.3); a public client may not use http on any
     * other host, where anyone on the path could read the code (§8.3, RFC 9700 §4.1). Schemes that run
     * or read something in the user agent are never redirect targets.
     */
    private static void checkRedirectUri(String value, boolean isPublic) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (Exception e) {
            throw new io.kizuna.api.LedgerRejection("invalid_redirect_uri", "redirect_uri is not a URI: " + value);
        }
        Rules.require(uri.isAbsolute(), "invalid_redirect_uri", "redirect_uri must be absolute (RFC 6749 §3.1.2)");
        Rules.require(uri.getFragment() == null, "invalid_redirect_uri",
                "redirect_uri must not contain a fragment (RFC 6749 §3.1.2)");
        Rules.require(!value.contains("*"), "invalid_redirect_uri", "wildcards are not allowed (RFC 9700 §2.1)");
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        Rules.require(!FORBIDDEN_SCHEMES.contains(scheme), "invalid_redirect_uri",
                "the " + scheme + " scheme cannot be a redirect target");
        if (isPublic && "http".equals(scheme)) {
            Rules.require("127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost()),
                    "invalid_redirect_uri", "a public client may use http only for a loopback IP literal, "
                            + "127.0.0.1 or [::1] (RFC 8252 §7.3, §8.3)");
        }
    }

    @EventSourcingHandler
    void on(ClientRegistered event) {
        this.clientId = event.clientId();
        this.type = event.type();
        this.authMethod = event.tokenEndpointAuthMethod();
        this.jwks = event.jwks();
    }

    @EventSourcingHandler
    void on(ClientUpdated event) {
        this.jwks = event.jwks();
    }

    @EventSourcingHandler
    void on(ClientResponseProtectionChanged event) {
        this.jwksUri = event.jwksUri();
    }

    @EventSourcingHandler
    void on(ClientTokenSettingsChanged event) {
        this.tokenSettings = TokenSettings.of(event);
    }

    @EventSourcingHandler
    void on(io.kizuna.api.client.ClientProfileChanged event) {
        this.profile = ClientProfile.orNone(event.profile());
    }

    @EventSourcingHandler
    void on(io.kizuna.api.client.ClientAuthorizationResponseChanged event) {
        this.authorizationResponse = AuthorizationResponseSettings.of(event);
    }

    @EventSourcingHandler
    void on(ClientDeleted event) {
        this.deleted = true;
    }
}
