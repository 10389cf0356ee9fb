package io.kizuna.api.admin;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the admin console at {@code /admin} may do, as the pages see it. Every method that changes state
 * sends a ledger command; {@code admin} is the signed-in administrator's member id, recorded in the events
 * (pseudonymous, no personal data). Refusals are {@link io.kizuna.api.LedgerRejection}s with a stable code
 * and a description safe to show the operator.
 */
public interface AdminConsole {

    /**
     * Who may use the console: a signed-in member whose e-mail or member id is in
     * {@code kizuna.admin.members}, with a sign-in recent enough ({@code kizuna.admin.max-auth-age}) and a
     * second factor unless the authentication policy trusts {@code sourceAddress}'s network.
     */
    Access access(String sessionCookie, String sourceAddress);

    // clients -------------------------------------------------------------------------------------

    List<ClientView> clients();

    Optional<ClientView> client(String clientId);

    /** Registers a client; answers its id and, for secret-based methods, the secret (shown once). */
    Credentials createClient(ClientForm form, String admin);

    /** Replaces the metadata (RFC 7592 §2.2 semantics); type and authentication method stay. */
    void updateClient(String clientId, ClientForm form, String admin);

    /** RFC 6749 §2.3.1: a new secret for a secret-based confidential client, shown once. */
    Credentials rotateSecret(String clientId, String admin);

    void deleteClient(String clientId, String admin);

    /** The client's token settings (null fields: the server default); empty for an unknown client. */
    Optional<ClientTokenSettings> clientTokenSettings(String clientId);

    /** Records new token settings ({@code client.token_settings.changed}); refused values throw. */
    void changeClientTokenSettings(String clientId, ClientTokenSettings settings, String admin);

    /** The client's security profile: {@code none}, {@code fapi1-advanced}, {@code fapi2-security}, {@code fapi2-message-signing}. */
    Optional<String> clientProfile(String clientId);

    /** Records a new security profile ({@code client.profile.changed}); a client that cannot meet it is refused. */
    void changeClientProfile(String clientId, String profile, String admin);
    /** The client's logout metadata; empty for an unknown client. */
    Optional<ClientLogoutSettings> clientLogoutSettings(String clientId);

    /** Records new logout metadata ({@code client.logout_settings.changed}); refused values throw. */
    void changeClientLogoutSettings(String clientId, ClientLogoutSettings settings, String admin);
    /** The client's ID token / UserInfo protection (OIDC DCR §2); empty for an unknown client. */
    default Optional<ClientResponseProtection> clientResponseProtection(String clientId) {
        return Optional.empty();
    }

    /** Records new protection ({@code client.response_protection.changed}); refused values throw. */
    default void changeClientResponseProtection(String clientId, ClientResponseProtection protection, String admin) {
        throw new UnsupportedOperationException("response protection is not editable here");
    }

    /** The client's JARM settings (JARM §3); empty for an unknown client. */
    default Optional<ClientAuthorizationResponse> clientAuthorizationResponse(String clientId) {
        return Optional.empty();
    }

    /** Records new JARM settings ({@code client.authorization_response.changed}); refused values throw. */
    default void changeClientAuthorizationResponse(String clientId, ClientAuthorizationResponse settings,
                                                   String admin) {
        throw new UnsupportedOperationException("JARM settings are not editable here");
    }

    /** The client's request-object metadata (OIDC DCR §2); empty for an unknown client. */
    default Optional<ClientRequestObjectSettings> clientRequestObjectSettings(String clientId) {
        return Optional.empty();
    }

    /** Records new request-object metadata ({@code client.request_object_settings.changed}); refused values throw. */
    default void changeClientRequestObjectSettings(String clientId, ClientRequestObjectSettings settings, String admin) {
        throw new UnsupportedOperationException("request-object settings are not editable here");
    }

    /** What the member is shown about the client (OIDC DCR §2 logo, policy, terms); empty for an unknown client. */
    default Optional<ClientPresentation> clientPresentation(String clientId) {
        return Optional.empty();
    }

    /** Records new logo, policy and terms URLs ({@code client.presentation.changed}); refused values throw. */
    default void changeClientPresentation(String clientId, ClientPresentation presentation, String admin) {
        throw new UnsupportedOperationException("the client's presentation is not editable here");
    }

    // members -------------------------------------------------------------------------------------

    /** Exact e-mail (through the keyed login hash: e-mails are never stored in plaintext) or member id. */
    Optional<MemberView> findMember(String emailOrMemberId);

    void suspendMember(String memberId, String admin);

    void unsuspendMember(String memberId, String admin);

    void resetSecondFactor(String memberId, String admin);

    /** Crypto-shredding; answers how many grants were revoked. */
    int forgetMember(String memberId, String admin);

    // policy, audit, ledger ----------------------------------------------------------------------

    PolicyView policy(String sourceAddress);

    /**
     * Records a new authentication policy ({@code policy.changed}) made by the administrator {@code admin}
     * (member id). Refusals: {@code invalid_trusted_networks} (not a CIDR, more than 100) and
     * {@code invalid_second_factor_clients} (not a registered client, more than 100).
     */
    default void changePolicy(PolicyChange change, String admin) {
        throw new UnsupportedOperationException("the policy is not editable here");
    }

    /** One page of the ledger in order, after global index {@code query.after()}. */
    List<AuditEntry> audit(AuditQuery query);

    /** The selection as JSON Lines, each line verifiable against the hash chain (docs/auditing.md). */
    void exportAudit(AuditQuery query, OutputStream out);

    AccessAt accessAt(String memberId, String clientId, Instant at);

    LedgerCheck verifyLedger();

    // signing keys ------------------------------------------------------------------------------------

    /** Every signing key, newest first per algorithm; never a private part. */
    List<SigningKeyView> signingKeys();

    /** Generates and activates a new key for {@code alg}; the old one stays published for the overlap. */
    SigningKeyView rotateSigningKey(String alg, String admin);

    /** Retires a key that no longer signs: it leaves the JWKS at once. */
    SigningKeyView retireSigningKey(String kid, String admin);

    enum Outcome { ANONYMOUS, REAUTHENTICATE, FORBIDDEN, GRANTED }

    /** @param memberId the administrator when granted (or the signed-in member when forbidden), else null */
    record Access(Outcome outcome, String memberId) {
        public boolean granted() {
            return outcome == Outcome.GRANTED;
        }
    }

    record ClientView(String clientId, String name, String type, String authMethod, List<String> redirectUris,
                      List<String> grantTypes, List<String> scopes, String siteUri, String accessTokenFormat,
                      Instant registeredAt, boolean hasSecret) {
    }

    /** @param authMethod only used when creating; an update keeps the registered method */
    record ClientForm(String name, String authMethod, List<String> redirectUris, List<String> grantTypes,
                      List<String> scopes, String siteUri, String accessTokenFormat) {
    }

    /**
     * Per-client token profile: signing algorithms of access and ID tokens (ES256, PS256, RS256, EdDSA) and
     * lifetimes in seconds; null means the server default. {@code requirePkce}: null or true = PKCE S256
     * required (the default), false = optional (confidential clients only, RFC 9700 §2.1.1).
     * {@code dpopBoundAccessTokens}: RFC 9449 §5.2. {@code tlsCertificateBoundAccessTokens}: RFC 8705 §3.4
     * {@code tls_client_certificate_bound_access_tokens} (kept with the client's mutual-TLS settings); null
     * when saving leaves it as it is.
     */
    record ClientTokenSettings(String accessTokenSigningAlg, String idTokenSignedResponseAlg,
                               Long accessTokenLifetime, Long idTokenLifetime, Long refreshTokenLifetime,
                               Boolean requirePkce, boolean dpopBoundAccessTokens,
                               Boolean tlsCertificateBoundAccessTokens) {
        public ClientTokenSettings(String accessTokenSigningAlg, String idTokenSignedResponseAlg,
                                   Long accessTokenLifetime, Long idTokenLifetime, Long refreshTokenLifetime) {
            this(accessTokenSigningAlg, idTokenSignedResponseAlg, accessTokenLifetime, idTokenLifetime,
                    refreshTokenLifetime, null, false, null);
        }

        public ClientTokenSettings(String accessTokenSigningAlg, String idTokenSignedResponseAlg,
                                   Long accessTokenLifetime, Long idTokenLifetime, Long refreshTokenLifetime,
                                   Boolean requirePkce, boolean dpopBoundAccessTokens) {
            this(accessTokenSigningAlg, idTokenSignedResponseAlg, accessTokenLifetime, idTokenLifetime,
                    refreshTokenLifetime, requirePkce, dpopBoundAccessTokens, null);
        }
    }

    /**
     * OIDC logout metadata: {@code post_logout_redirect_uris} (RP-Initiated Logout 1.0 §3.1),
     * {@code backchannel_logout_uri} (null: none) and {@code backchannel_logout_session_required}
     * (Back-Channel Logout 1.0 §2.2), {@code frontchannel_logout_uri} (null: none) and
     * {@code frontchannel_logout_session_required} (Front-Channel Logout 1.0 §2).
     */
    record ClientLogoutSettings(List<String> postLogoutRedirectUris, String backchannelLogoutUri,
                                boolean backchannelLogoutSessionRequired, String frontchannelLogoutUri,
                                boolean frontchannelLogoutSessionRequired) {
        /** Without front-channel logout. */
        public ClientLogoutSettings(List<String> postLogoutRedirectUris, String backchannelLogoutUri,
                                    boolean backchannelLogoutSessionRequired) {
            this(postLogoutRedirectUris, backchannelLogoutUri, backchannelLogoutSessionRequired, null, false);
        }
    }

    /**
     * Per-client ID token encryption and UserInfo signing / encryption (OIDC DCR §2), and the client's
     * jwks_uri; null means not encrypted, UserInfo as plain JSON, no jwks_uri.
     */
    record ClientResponseProtection(String idTokenEncryptedResponseAlg, String idTokenEncryptedResponseEnc,
                                    String userinfoSignedResponseAlg, String userinfoEncryptedResponseAlg,
                                    String userinfoEncryptedResponseEnc, String jwksUri) {
    }

    /**
     * How JWT-secured authorization responses are signed and encrypted for the client (JARM §3); null
     * means the default signature (RS256, PS256 for a FAPI client) and no encryption.
     */
    record ClientAuthorizationResponse(String signedResponseAlg, String encryptedResponseAlg,
                                       String encryptedResponseEnc) {
    }

    /**
     * Request-object metadata (OIDC DCR §2): {@code request_uris} the server may fetch request objects from
     * (OIDC Core §6.2), and {@code request_object_encryption_alg}/{@code _enc} (§6.1; null: not required).
     */
    record ClientRequestObjectSettings(List<String> requestUris, String requestObjectEncryptionAlg,
                                       String requestObjectEncryptionEnc) {
    }

    /**
     * OIDC DCR §2 / RFC 7591 §2 {@code logo_uri}, {@code policy_uri}, {@code tos_uri}: shown to members on the
     * sign-in and consent pages of this client's authorization requests; null: not registered.
     */
    record ClientPresentation(String logoUri, String policyUri, String tosUri) {
    }

    record Credentials(String clientId, String clientSecret) {
    }

    /**
     * @param email, name  opened with the member's data key; null when the member was forgotten
     * @param lockedUntil  a throttle pause still running, or null
     */
    record MemberView(String memberId, String email, String name, boolean emailVerified, Instant registeredAt,
                      boolean totpEnrolled, boolean suspended, Instant lockedUntil, Instant forgottenAt,
                      long activeSessions, boolean administrator) {
    }

    /**
     * @param otpRequiredHere     whether a sign-in from {@code sourceAddress} needs the second factor
     * @param secondFactorClients clients whose sign-ins always need LoA 3
     * @param riskNewDevice       a browser new to the member asks an enrolled member for the second factor
     * @param riskRecentFailures  this many wrong passwords just before ask for it (0: off)
     * @param changedBy           the member id (or {@code operator}) of the last recorded change; null while
     *                            the configuration applies, like {@code changedVia} and {@code changedAt}
     */
    record PolicyView(List<String> trustedNetworks, boolean otpOutsideTrustedNetworks, String sourceAddress,
                      boolean otpRequiredHere, String reasonHere, List<String> administrators,
                      long maxAuthAgeMinutes, List<String> secondFactorClients, boolean riskNewDevice,
                      int riskRecentFailures, String changedBy, String changedVia, Instant changedAt) {
        /** The configured policy: no administrator has changed it yet. */
        public PolicyView(List<String> trustedNetworks, boolean otpOutsideTrustedNetworks, String sourceAddress,
                          boolean otpRequiredHere, String reasonHere, List<String> administrators,
                          long maxAuthAgeMinutes, List<String> secondFactorClients, boolean riskNewDevice,
                          int riskRecentFailures) {
            this(trustedNetworks, otpOutsideTrustedNetworks, sourceAddress, otpRequiredHere, reasonHere,
                    administrators, maxAuthAgeMinutes, secondFactorClients, riskNewDevice, riskRecentFailures,
                    null, null, null);
        }

        /** Whether the policy comes from the ledger (an administrator changed it) rather than configuration. */
        public boolean recorded() {
            return changedAt != null;
        }
    }

    /** The editable settings of the authentication policy. */
    record PolicyChange(List<String> trustedNetworks, boolean otpOutsideTrustedNetworks,
                        List<String> secondFactorClients) {
    }

    record AuditQuery(String memberId, String clientId, Instant from, Instant to, String type, long after,
                      int limit) {
    }

    /**
     * One ledger event for the console. {@code details} are the facts worth reading at a glance (factors,
     * level, source address opened for the administrator, scopes, reason); {@code sealed} says the event
     * carries a link of the hash chain.
     */
    record AuditEntry(long globalIndex, String type, Instant occurredAt, String aggregateType, String aggregateId,
                      List<Detail> details, boolean sealed) {
    }

    record Detail(String name, String value) {
    }

    record AccessAt(String memberId, String clientId, Instant at, List<String> consentedScopes,
                    List<GrantAt> grants, boolean canAccess) {
    }

    record GrantAt(String grantId, List<String> scopes, int liveAccessTokens, boolean canRefresh) {
    }

    /** @param firstBreak the code and description of the first problem, null when intact */
    /**
     * @param status         {@code active} (signs), {@code rotated} (published for verification until
     *                       {@code publishedUntil}) or {@code retired}
     * @param keyEncryption  how the private key is protected at rest (e.g. the master key's AES-GCM)
     */
    record SigningKeyView(String kid, String alg, String status, Instant createdAt, Instant activatedAt,
                          Instant rotatedAt, Instant publishedUntil, Instant retiredAt, String keyEncryption) {
    }

    record LedgerCheck(boolean intact, long eventsVerified, long pendingEvents, String firstBreakCode,
                       String firstBreakDescription, Long firstBreakGlobalIndex, Instant verifiedAt,
                       long durationMillis) {
    }
}
