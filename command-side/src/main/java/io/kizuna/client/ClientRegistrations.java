package io.kizuna.client;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ChangeClientTokenSettingsCommand;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientType;
import io.kizuna.api.client.DeleteClientCommand;
import io.kizuna.api.client.IssueRegistrationAccessTokenCommand;
import io.kizuna.api.client.RegisterClientCommand;
import io.kizuna.api.client.UpdateClientCommand;
import io.kizuna.crypto.TokenHashes;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers clients: generates the id and the secret, stores only the secret's keyed hash — and, for
 * {@code client_secret_jwt} clients, the secret sealed ({@link ClientJwtSecrets}), in the same
 * transaction as the event. {@code private_key_jwt} clients get no secret: their keys are their credential.
 */
@Service
public class ClientRegistrations {
    private final CommandGateway commands;
    private final ClientSecrets secrets;
    private final ClientRegistry registry;
    private final ClientJwtSecrets jwtSecrets;
    private final io.kizuna.signingkey.SigningKeys signingKeys;
    private final ClientEncryptionKeys encryptionKeys;
    private final io.kizuna.protocol.oauth2.authorization.RequestUriProperties requestUris;

    public ClientRegistrations(CommandGateway commands, ClientSecrets secrets, ClientRegistry registry,
                               ClientJwtSecrets jwtSecrets, io.kizuna.signingkey.SigningKeys signingKeys,
                               ClientEncryptionKeys encryptionKeys,
                               io.kizuna.protocol.oauth2.authorization.RequestUriProperties requestUris) {
        this.requestUris = requestUris;
        this.encryptionKeys = encryptionKeys;
        this.signingKeys = signingKeys;
        this.commands = commands;
        this.secrets = secrets;
        this.registry = registry;
        this.jwtSecrets = jwtSecrets;
    }

    /**
     * @param clientId a chosen id (demo data, admin API) or null to generate one
     * @param secret   a chosen secret (demo data only) or null to generate one for confidential clients
     */
    @Transactional
    public Registered register(String clientId, String secret, String name, ClientType type, String authMethod,
                               List<String> redirectUris, List<String> grantTypes, List<String> scopes,
                               String siteUri, String accessTokenFormat, String jwks) {
        return register(clientId, secret, name, type, authMethod, redirectUris, grantTypes, scopes, siteUri,
                accessTokenFormat, jwks, (String) null);
    }

    /**
     * {@link #register} for a client that may publish its keys at {@code jwksUri} instead of {@code jwks}
     * (RFC 7591 §2); the caller records the jwks_uri ({@link #changeResponseProtection}) in the same transaction.
     */
    @Transactional
    public Registered register(String clientId, String secret, String name, ClientType type, String authMethod,
                               List<String> redirectUris, List<String> grantTypes, List<String> scopes,
                               String siteUri, String accessTokenFormat, String jwks, String jwksUri) {
        String id = clientId == null ? TokenHashes.randomValue(16) : clientId;
        if (!id.matches("[A-Za-z0-9._~-]{1,128}")) {
            throw new LedgerRejection("invalid_client_metadata", "client_id must be 1–128 unreserved characters");
        }
        if (registry.exists(id)) {
            throw new LedgerRejection("invalid_client_metadata", "client_id is already registered");
        }
        String method = authMethod == null ? (type == ClientType.PUBLIC ? "none" : "client_secret_basic") : authMethod;
        boolean needsSecret = type != ClientType.PUBLIC && !OAuthClient.WITHOUT_SECRET.contains(method);
        String plainSecret = !needsSecret ? null : (secret == null ? secrets.generate() : secret);
        if ("client_secret_jwt".equals(method) && plainSecret != null) {
            jwtSecrets.store(id, plainSecret);
        }
        commands.sendAndWait(new RegisterClientCommand(new ClientId(id), name, type,
                plainSecret == null ? null : secrets.hash(plainSecret), method, redirectUris, grantTypes, scopes,
                siteUri, accessTokenFormat, jwks, jwksUri));
        return new Registered(id, plainSecret);
    }

    /**
     * RFC 7591 §3: registers the client and issues its registration access token in one transaction, so
     * no client exists that its registrant cannot manage.
     */
    @Transactional
    public Managed registerManaged(String name, ClientType type, String authMethod, List<String> redirectUris,
                                   List<String> grantTypes, List<String> scopes, String siteUri,
                                   String accessTokenFormat, String jwks) {
        Registered registered = register(null, null, name, type, authMethod, redirectUris, grantTypes, scopes,
                siteUri, accessTokenFormat, jwks);
        return new Managed(registered, issueRegistrationAccessToken(registered.clientId()));
    }

    /**
     * Issues the token that manages this client through RFC 7592 and records only its SHA-256
     * (RFC 7591 §3.2.1). Returns the token, shown to the client once.
     */
    @Transactional
    public String issueRegistrationAccessToken(String clientId) {
        String token = TokenHashes.randomValue(32);
        commands.sendAndWait(new IssueRegistrationAccessTokenCommand(new ClientId(clientId), TokenHashes.sha256(token)));
        return token;
    }

    /** RFC 7592 §2.2. */
    @Transactional
    public void update(String clientId, String name, String authMethod, List<String> redirectUris,
                       List<String> grantTypes, List<String> scopes, String siteUri, String accessTokenFormat,
                       String jwks) {
        commands.sendAndWait(new UpdateClientCommand(new ClientId(clientId), name, authMethod, redirectUris,
                grantTypes, scopes, siteUri, accessTokenFormat, jwks));
    }

    /**
     * RFC 7591 §3 / RFC 7592 §2.2 from the registration endpoint: everything it registers — metadata with a
     * {@code jwks_uri} the aggregate may accept in place of {@code jwks}, token and logout settings, then the
     * ID token / UserInfo protection that records that jwks_uri — in one transaction.
     */
    @Transactional
    public Managed registerManaged(String name, ClientType type, String authMethod, List<String> redirectUris,
                                   List<String> grantTypes, List<String> scopes, String siteUri,
                                   String accessTokenFormat, String jwks, TokenSettings settings,
                                   LogoutSettings logout, ResponseProtection protection) {
        Registered registered = register(null, null, name, type, authMethod, redirectUris, grantTypes, scopes,
                siteUri, accessTokenFormat, jwks, protection == null ? null : protection.jwksUri());
        Managed managed = new Managed(registered, issueRegistrationAccessToken(registered.clientId()));
        changeTokenSettings(registered.clientId(), settings);
        changeLogoutSettings(registered.clientId(), logout);
        changeResponseProtection(registered.clientId(), protection);
        return managed;
    }

    /** {@link #registerManaged(String, ClientType, String, List, List, List, String, String, String, TokenSettings, LogoutSettings, ResponseProtection)} for RFC 7592 §2.2. */
    @Transactional
    public void update(String clientId, String name, String authMethod, List<String> redirectUris,
                       List<String> grantTypes, List<String> scopes, String siteUri, String accessTokenFormat,
                       String jwks, TokenSettings settings, LogoutSettings logout, ResponseProtection protection) {
        commands.sendAndWait(new UpdateClientCommand(new ClientId(clientId), name, authMethod, redirectUris,
                grantTypes, scopes, siteUri, accessTokenFormat, jwks, protection == null ? null : protection.jwksUri()));
        changeTokenSettings(clientId, settings);
        changeLogoutSettings(clientId, logout);
        changeResponseProtection(clientId, protection);
    }

    /** {@link #register} plus the client's token settings, in one transaction. */
    @Transactional
    public Registered register(String clientId, String secret, String name, ClientType type, String authMethod,
                               List<String> redirectUris, List<String> grantTypes, List<String> scopes,
                               String siteUri, String accessTokenFormat, String jwks, TokenSettings settings) {
        Registered registered = register(clientId, secret, name, type, authMethod, redirectUris, grantTypes, scopes,
                siteUri, accessTokenFormat, jwks);
        changeTokenSettings(registered.clientId(), settings);
        return registered;
    }

    /** {@link #registerManaged} plus the client's token settings, in one transaction. */
    @Transactional
    public Managed registerManaged(String name, ClientType type, String authMethod, List<String> redirectUris,
                                   List<String> grantTypes, List<String> scopes, String siteUri,
                                   String accessTokenFormat, String jwks, TokenSettings settings) {
        Managed managed = registerManaged(name, type, authMethod, redirectUris, grantTypes, scopes, siteUri,
                accessTokenFormat, jwks);
        changeTokenSettings(managed.client().clientId(), settings);
        return managed;
    }

    /** RFC 7592 §2.2 with token settings: they are replaced too (omitted ones fall back to the defaults). */
    @Transactional
    public void update(String clientId, String name, String authMethod, List<String> redirectUris,
                       List<String> grantTypes, List<String> scopes, String siteUri, String accessTokenFormat,
                       String jwks, TokenSettings settings) {
        update(clientId, name, authMethod, redirectUris, grantTypes, scopes, siteUri, accessTokenFormat, jwks);
        changeTokenSettings(clientId, settings);
    }

    /** Records new token settings when they differ from the client's current ones (nothing otherwise). */
    @Transactional
    public void changeTokenSettings(String clientId, TokenSettings settings) {
        TokenSettings wanted = settings == null ? TokenSettings.DEFAULTS : settings;
        for (String alg : new String[] {wanted.accessTokenSigningAlg(), wanted.idTokenSignedResponseAlg()}) {
            if (alg != null && io.kizuna.signingkey.SigningAlgorithms.supported(alg)
                    && !signingKeys.algorithms().contains(alg)) {
                throw new LedgerRejection("invalid_client_metadata", alg
                        + " is not enabled on this server (kizuna.signing-keys.algorithms)");
            }
        }
        TokenSettings current = registry.find(clientId).map(RegisteredClient::tokenSettings)
                .orElse(TokenSettings.DEFAULTS);
        if (!wanted.equals(current)) {
            commands.sendAndWait(new ChangeClientTokenSettingsCommand(new ClientId(clientId),
                    wanted.accessTokenSigningAlg(), wanted.idTokenSignedResponseAlg(), wanted.accessTokenLifetime(),
                    wanted.refreshTokenLifetime(), wanted.idTokenLifetime(), wanted.requirePkce(), wanted.dpopBoundAccessTokens()));
        }
    }

    /**
     * Records new mutual-TLS settings (RFC 8705) when they differ from the client's current ones. Call
     * {@link MtlsSettings#check} before registering, so a client is never left without its identifier.
     */
    @Transactional
    public void changeMtlsSettings(String clientId, MtlsSettings settings) {
        MtlsSettings wanted = settings == null ? MtlsSettings.NONE : settings;
        MtlsSettings current = registry.find(clientId).map(RegisteredClient::mtls).orElse(MtlsSettings.NONE);
        if (!wanted.equals(current)) {
            commands.sendAndWait(new io.kizuna.api.client.ChangeClientMtlsSettingsCommand(new ClientId(clientId),
                    wanted.subjectDn(), wanted.sanDns(), wanted.sanUri(), wanted.sanIp(), wanted.sanEmail(),
                    wanted.certificateBoundAccessTokens()));
        }
    }

    /** Records a new security profile ({@link ClientProfile}) when it differs from the client's current one. */
    @Transactional
    public void changeProfile(String clientId, ClientProfile profile) {
        ClientProfile wanted = profile == null ? ClientProfile.NONE : profile;
        ClientProfile current = registry.find(clientId).map(RegisteredClient::profile).orElse(ClientProfile.NONE);
        if (wanted != current) {
            commands.sendAndWait(new io.kizuna.api.client.ChangeClientProfileCommand(new ClientId(clientId),
                    wanted.value()));
        }
    }

    /** {@link #registerManaged} plus token and logout settings, in one transaction. */
    @Transactional
    public Managed registerManaged(String name, ClientType type, String authMethod, List<String> redirectUris,
                                   List<String> grantTypes, List<String> scopes, String siteUri,
                                   String accessTokenFormat, String jwks, TokenSettings settings,
                                   LogoutSettings logout) {
        Managed managed = registerManaged(name, type, authMethod, redirectUris, grantTypes, scopes, siteUri,
                accessTokenFormat, jwks, settings);
        changeLogoutSettings(managed.client().clientId(), logout);
        return managed;
    }

    /** {@link #register} plus token and logout settings, in one transaction. */
    @Transactional
    public Registered register(String clientId, String secret, String name, ClientType type, String authMethod,
                               List<String> redirectUris, List<String> grantTypes, List<String> scopes,
                               String siteUri, String accessTokenFormat, String jwks, TokenSettings settings,
                               LogoutSettings logout) {
        Registered registered = register(clientId, secret, name, type, authMethod, redirectUris, grantTypes, scopes,
                siteUri, accessTokenFormat, jwks, settings);
        changeLogoutSettings(registered.clientId(), logout);
        return registered;
    }

    /** RFC 7592 §2.2 with token and logout settings: all replaced, in one transaction. */
    @Transactional
    public void update(String clientId, String name, String authMethod, List<String> redirectUris,
                       List<String> grantTypes, List<String> scopes, String siteUri, String accessTokenFormat,
                       String jwks, TokenSettings settings, LogoutSettings logout) {
        update(clientId, name, authMethod, redirectUris, grantTypes, scopes, siteUri, accessTokenFormat, jwks,
                settings);
        changeLogoutSettings(clientId, logout);
    }

    /** Records new logout metadata when it differs from the client's current one (nothing otherwise). */
    @Transactional
    public void changeLogoutSettings(String clientId, LogoutSettings settings) {
        LogoutSettings wanted = settings == null ? LogoutSettings.NONE : settings;
        LogoutSettings current = registry.find(clientId).map(RegisteredClient::logoutSettings)
                .orElse(LogoutSettings.NONE);
        if (!wanted.equals(current)) {
            commands.sendAndWait(new io.kizuna.api.client.ChangeClientLogoutSettingsCommand(new ClientId(clientId),
                    wanted.postLogoutRedirectUris(), wanted.backchannelLogoutUri(),
                    wanted.backchannelLogoutSessionRequired(), wanted.frontchannelLogoutUri(),
                    wanted.frontchannelLogoutSessionRequired()));
        }
    }

    /** {@link #register} plus token settings and ID token / UserInfo protection, in one transaction. */
    @Transactional
    public Registered register(String clientId, String secret, String name, ClientType type, String authMethod,
                               List<String> redirectUris, List<String> grantTypes, List<String> scopes,
                               String siteUri, String accessTokenFormat, String jwks, TokenSettings settings,
                               ResponseProtection protection) {
        Registered registered = register(clientId, secret, name, type, authMethod, redirectUris, grantTypes, scopes,
                siteUri, accessTokenFormat, jwks, settings);
        changeResponseProtection(registered.clientId(), protection);
        return registered;
    }

    /** {@link #registerManaged} plus token settings and ID token / UserInfo protection, in one transaction. */
    @Transactional
    public Managed registerManaged(String name, ClientType type, String authMethod, List<String> redirectUris,
                                   List<String> grantTypes, List<String> scopes, String siteUri,
                                   String accessTokenFormat, String jwks, TokenSettings settings,
                                   ResponseProtection protection) {
        Managed managed = registerManaged(name, type, authMethod, redirectUris, grantTypes, scopes, siteUri,
                accessTokenFormat, jwks, settings);
        changeResponseProtection(managed.client().clientId(), protection);
        return managed;
    }

    /** RFC 7592 §2.2 with token settings and protection: all replaced (omitted ones fall back to the defaults). */
    @Transactional
    public void update(String clientId, String name, String authMethod, List<String> redirectUris,
                       List<String> grantTypes, List<String> scopes, String siteUri, String accessTokenFormat,
                       String jwks, TokenSettings settings, ResponseProtection protection) {
        update(clientId, name, authMethod, redirectUris, grantTypes, scopes, siteUri, accessTokenFormat, jwks,
                settings);
        changeResponseProtection(clientId, protection);
    }

    /**
     * Records new ID token / UserInfo protection (OIDC DCR §2) when it differs from the client's current
     * one; the UserInfo signing algorithm must be enabled here, the jwks_uri an https URL.
     */
    @Transactional
    public void changeResponseProtection(String clientId, ResponseProtection protection) {
        ResponseProtection wanted = protection == null ? ResponseProtection.NONE : protection;
        String alg = wanted.userinfoSignedResponseAlg();
        if (alg != null && io.kizuna.signingkey.SigningAlgorithms.supported(alg)
                && !signingKeys.algorithms().contains(alg)) {
            throw new LedgerRejection("invalid_client_metadata", alg
                    + " is not enabled on this server (kizuna.signing-keys.algorithms)");
        }
        encryptionKeys.checkJwksUri(wanted.jwksUri());
        if (!wanted.equals(currentProtection(clientId))) {
            commands.sendAndWait(new io.kizuna.api.client.ChangeClientResponseProtectionCommand(new ClientId(clientId),
                    wanted.idTokenEncryptedResponseAlg(), wanted.idTokenEncryptedResponseEnc(),
                    wanted.userinfoSignedResponseAlg(), wanted.userinfoEncryptedResponseAlg(),
                    wanted.userinfoEncryptedResponseEnc(), wanted.jwksUri()));
        }
    }

    /**
     * Records new JARM settings (JARM §3) when they differ from the client's current ones; an explicit
     * signing algorithm must be enabled on this server. Call after the client's keys and profile are set.
     */
    @Transactional
    public void changeAuthorizationResponse(String clientId, AuthorizationResponseSettings settings) {
        AuthorizationResponseSettings wanted = settings == null ? AuthorizationResponseSettings.NONE : settings;
        String alg = wanted.signedResponseAlg();
        if (alg != null && io.kizuna.signingkey.SigningAlgorithms.supported(alg)
                && !signingKeys.algorithms().contains(alg)) {
            throw new LedgerRejection("invalid_client_metadata", alg
                    + " is not enabled on this server (kizuna.signing-keys.algorithms)");
        }
        if (!wanted.equals(registry.authorizationResponse(clientId))) {
            commands.sendAndWait(new io.kizuna.api.client.ChangeClientAuthorizationResponseCommand(
                    new ClientId(clientId), wanted.signedResponseAlg(), wanted.encryptedResponseAlg(),
                    wanted.encryptedResponseEnc()));
        }
    }

    /** The client's recorded protection, read past the cache (a decision, not a hot path). */
    public ResponseProtection currentProtection(String clientId) {
        return registry.storedProtection(clientId);
    }

    /**
     * Records new request-object metadata (OIDC DCR §2 {@code request_uris},
     * {@code request_object_encryption_alg}/{@code _enc}) when it differs from the client's current one;
     * request_uris must be https unless {@code kizuna.request-uri.allow-http} is set.
     */
    @Transactional
    public void changeRequestObjectSettings(String clientId, RequestObjectSettings settings) {
        RequestObjectSettings wanted = settings == null ? RequestObjectSettings.NONE : settings;
        wanted.check(requestUris.allowHttp());
        RequestObjectSettings current = registry.find(clientId).map(RegisteredClient::requestObjectSettings)
                .orElse(RequestObjectSettings.NONE);
        if (!wanted.equals(current)) {
            commands.sendAndWait(new io.kizuna.api.client.ChangeClientRequestObjectSettingsCommand(
                    new ClientId(clientId), wanted.requestUris(), wanted.requestObjectEncryptionAlg(),
                    wanted.requestObjectEncryptionEnc()));
        }
    }

    /**
     * Records what the member is shown about the client ({@link ClientPresentation}, OIDC DCR §2
     * {@code logo_uri}, {@code policy_uri}, {@code tos_uri}) when it differs from the current one.
     */
    @Transactional
    public void changePresentation(String clientId, ClientPresentation presentation) {
        ClientPresentation wanted = presentation == null ? ClientPresentation.NONE : presentation;
        ClientPresentation current = registry.find(clientId).map(RegisteredClient::presentation)
                .orElse(ClientPresentation.NONE);
        if (!wanted.equals(current)) {
            commands.sendAndWait(new io.kizuna.api.client.ChangeClientPresentationCommand(new ClientId(clientId),
                    wanted.logoUri(), wanted.policyUri(), wanted.tosUri()));
        }
    }

    /** RFC 7592 §2.3; a {@code client_secret_jwt} client's sealed secret goes with it. */
    @Transactional
    public void delete(String clientId) {
        commands.sendAndWait(new DeleteClientCommand(new ClientId(clientId)));
        jwtSecrets.forget(clientId);
    }

    public record Registered(String clientId, String clientSecret) {
    }

    public record Managed(Registered client, String registrationAccessToken) {
    }
}
