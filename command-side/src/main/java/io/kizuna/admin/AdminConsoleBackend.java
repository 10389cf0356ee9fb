package io.kizuna.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.api.LedgerRejection;
import io.kizuna.api.admin.AdminConsole;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientType;
import io.kizuna.api.client.RotateClientSecretCommand;
import io.kizuna.api.member.FindMemberClaimsQuery;
import io.kizuna.api.member.MemberClaims;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalDataVault;
import io.kizuna.api.member.ResetSecondFactorCommand;
import io.kizuna.api.member.SealedPersonalData;
import io.kizuna.api.member.SuspendMemberCommand;
import io.kizuna.api.member.UnsuspendMemberCommand;
import io.kizuna.api.session.SessionService;
import io.kizuna.api.session.SignInService;
import io.kizuna.client.ClientJwtSecrets;
import io.kizuna.client.ClientRegistrations;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.ClientSecrets;
import io.kizuna.client.RegisteredClient;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.ledger.audit.AuditFilter;
import io.kizuna.ledger.audit.AuditRecord;
import io.kizuna.ledger.audit.AuditTrail;
import io.kizuna.ledger.audit.PointInTimeAccess;
import io.kizuna.ledger.seal.LedgerVerifier;
import io.kizuna.ledger.seal.VerificationReport;
import io.kizuna.member.LoginKeys;
import io.kizuna.member.MemberCredentialLookup;
import io.kizuna.member.MemberForgetting;
import io.kizuna.member.SecondFactors;
import io.kizuna.policy.AuthenticationPolicy;
import io.kizuna.policy.PolicyProperties;
import io.kizuna.session.BrowserSessions;
import io.kizuna.session.SignInThrottle;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admin console's side of the ledger. Administrators are configured, not granted by events:
 * {@code kizuna.admin.members} lists e-mail addresses (matched through the keyed login hash, so the list
 * never has to be compared with plaintext in the database) or member ids. The console also needs a recent
 * sign-in ({@code kizuna.admin.max-auth-age}, 30 minutes by default) that satisfied the authentication
 * policy's second factor wherever the policy requires one for the administrator's network.
 */
@Service
public class AdminConsoleBackend implements AdminConsole {
    private static final Set<String> DETAIL_FIELDS = Set.of("clientId", "memberId", "sessionId", "amr", "acr",
            "reason", "policy", "scopes", "allScopes", "newScopes", "requestedVia", "by", "rotatedBy", "failures",
            "lockedUntil", "grantType", "changedVia", "registeredVia", "name", "grantTypes", "redirectUris",
            "trustedNetworks", "otpOutsideTrustedNetworks", "secondFactorClients");

    private final SignInService signIn;
    private final MemberCredentialLookup credentials;
    private final LoginKeys loginKeys;
    private final AuthenticationPolicy policy;
    private final PolicyProperties policyProperties;
    private final List<String> administrators;
    private final Set<String> adminLoginKeys;
    private final Duration maxAuthAge;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final ClientRegistrations registrations;
    private final ClientRegistry registry;
    private final ClientSecrets secrets;
    private final ClientJwtSecrets jwtSecrets;
    private final LedgerCommands commands;
    private final QueryGateway queries;
    private final SecondFactors secondFactors;
    private final SignInThrottle throttle;
    private final BrowserSessions sessions;
    private final SessionService sessionService;
    private final MemberForgetting forgetting;
    private final AuditTrail trail;
    private final PointInTimeAccess pointInTime;
    private final LedgerVerifier verifier;
    private final PersonalDataVault vault;
    private final ObjectMapper json;
    private final io.kizuna.signingkey.SigningKeyLifecycle signingKeys;

    public AdminConsoleBackend(SignInService signIn, MemberCredentialLookup credentials, LoginKeys loginKeys,
                               AuthenticationPolicy policy, PolicyProperties policyProperties,
                               @Value("${kizuna.admin.members:}") List<String> administrators,
                               @Value("${kizuna.admin.max-auth-age:PT30M}") Duration maxAuthAge, Clock clock,
                               JdbcTemplate jdbc, ClientRegistrations registrations, ClientRegistry registry,
                               ClientSecrets secrets, ClientJwtSecrets jwtSecrets, LedgerCommands commands,
                               QueryGateway queries, SecondFactors secondFactors, SignInThrottle throttle,
                               BrowserSessions sessions, SessionService sessionService, MemberForgetting forgetting,
                               AuditTrail trail, PointInTimeAccess pointInTime, LedgerVerifier verifier,
                               PersonalDataVault vault, ObjectMapper json,
                               io.kizuna.signingkey.SigningKeyLifecycle signingKeys) {
        this.signingKeys = signingKeys;
        this.signIn = signIn;
        this.credentials = credentials;
        this.loginKeys = loginKeys;
        this.policy = policy;
        this.policyProperties = policyProperties;
        this.administrators = administrators.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
        this.adminLoginKeys = this.administrators.stream().filter(a -> a.contains("@")).map(loginKeys::of)
                .collect(Collectors.toUnmodifiableSet());
        this.maxAuthAge = maxAuthAge;
        this.clock = clock;
        this.jdbc = jdbc;
        this.registrations = registrations;
        this.registry = registry;
        this.secrets = secrets;
        this.jwtSecrets = jwtSecrets;
        this.commands = commands;
        this.queries = queries;
        this.secondFactors = secondFactors;
        this.throttle = throttle;
        this.sessions = sessions;
        this.sessionService = sessionService;
        this.forgetting = forgetting;
        this.trail = trail;
        this.pointInTime = pointInTime;
        this.verifier = verifier;
        this.vault = vault;
        this.json = json;
    }

    @Override
    public Access access(String sessionCookie, String sourceAddress) {
        Optional<SignInService.BrowserSession> session = signIn.findSession(sessionCookie);
        if (session.isEmpty()) {
            return new Access(Outcome.ANONYMOUS, null);
        }
        String memberId = session.get().memberId();
        if (!isAdministrator(memberId)) {
            return new Access(Outcome.FORBIDDEN, memberId);
        }
        boolean recent = session.get().authTime() != null
                && !session.get().authTime().plus(maxAuthAge).isBefore(clock.instant());
        boolean factorsEnough = !policy.decide(sourceAddress).otpRequired()
                || (session.get().amr() != null
                        && AuthenticationPolicy.LOA3.equals(AuthenticationPolicy.acrOf(session.get().amr())));
        return new Access(recent && factorsEnough ? Outcome.GRANTED : Outcome.REAUTHENTICATE, memberId);
    }

    private boolean isAdministrator(String memberId) {
        return administrators.contains(memberId)
                || credentials.loginKeyOf(memberId).map(adminLoginKeys::contains).orElse(false);
    }

    // clients -----------------------------------------------------------------------------------------

    @Override
    public List<ClientView> clients() {
        return jdbc.query("SELECT client_id FROM oauth_client WHERE deleted_at IS NULL ORDER BY client_id",
                (rs, i) -> rs.getString(1)).stream().map(this::client).flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<ClientView> client(String clientId) {
        return registry.find(clientId).map(c -> new ClientView(c.clientId(), c.name(), c.type().name(),
                c.authMethod(), c.redirectUris(), c.grantTypes(), c.scopes(), c.siteUri(), c.accessTokenFormat(),
                registry.registeredAt(c.clientId()).orElse(null), c.secretHash() != null));
    }

    @Override
    public Credentials createClient(ClientForm form, String admin) {
        String method = form.authMethod() == null || form.authMethod().isBlank() ? "client_secret_basic"
                : form.authMethod();
        if ("private_key_jwt".equals(method)) {
            throw new LedgerRejection("invalid_client_metadata",
                    "private_key_jwt clients need a JWK set: register them through POST /admin/api/clients");
        }
        checkSiteUri(form.siteUri());
        ClientType type = "none".equals(method) ? ClientType.PUBLIC : ClientType.CONFIDENTIAL;
        ClientRegistrations.Registered registered = registrations.register(null, null, form.name(), type, method,
                form.redirectUris(), form.grantTypes(), form.scopes(), blankToNull(form.siteUri()),
                form.accessTokenFormat(), null);
        return new Credentials(registered.clientId(), registered.clientSecret());
    }

    @Override
    public void updateClient(String clientId, ClientForm form, String admin) {
        RegisteredClient client = live(clientId);
        checkSiteUri(form.siteUri());
        registrations.update(clientId, form.name(), null, form.redirectUris(), form.grantTypes(), form.scopes(),
                blankToNull(form.siteUri()), form.accessTokenFormat(), client.jwks());
    }

    @Override
    @Transactional
    public Credentials rotateSecret(String clientId, String admin) {
        RegisteredClient client = live(clientId);
        String secret = secrets.generate();
        commands.send(new RotateClientSecretCommand(new ClientId(clientId), secrets.hash(secret), admin));
        if ("client_secret_jwt".equals(client.authMethod())) {
            jwtSecrets.store(clientId, secret);
        }
        return new Credentials(clientId, secret);
    }

    @Override
    public void deleteClient(String clientId, String admin) {
        live(clientId);
        registrations.delete(clientId);
    }

    private RegisteredClient live(String clientId) {
        return registry.find(clientId).orElseThrow(() -> new LedgerRejection("invalid_client", "no such client"));
    }

    // members -----------------------------------------------------------------------------------------

    @Override
    public Optional<MemberView> findMember(String emailOrMemberId) {
        if (emailOrMemberId == null || emailOrMemberId.isBlank() || emailOrMemberId.length() > 320) {
            return Optional.empty();
        }
        String query = emailOrMemberId.strip();
        Optional<String> memberId = query.contains("@")
                ? credentials.find(query).map(MemberCredentialLookup.Credential::memberId)
                : Optional.of(query).filter(id -> id.matches("[A-Za-z0-9._-]{1,64}"));
        return memberId.flatMap(this::member);
    }

    private Optional<MemberView> member(String memberId) {
        List<Map<String, Object>> first = jdbc.queryForList("""
                SELECT timestamp FROM domainevententry
                WHERE aggregateidentifier = ? AND type = 'Member' AND sequencenumber = 0""", memberId);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Instant registeredAt = Instant.parse((String) first.get(0).get("timestamp"));
        Instant forgottenAt = jdbc.queryForList("""
                SELECT timestamp FROM domainevententry
                WHERE aggregateidentifier = ? AND type = 'Member' AND payloadtype = ?""", String.class, memberId,
                io.kizuna.api.member.MemberForgotten.class.getName()).stream().findFirst().map(Instant::parse)
                .orElse(null);
        MemberId id = new MemberId(memberId);
        MemberClaims claims = queries.query(new FindMemberClaimsQuery(id), ResponseTypes.instanceOf(MemberClaims.class))
                .join();
        var data = claims == null ? null : claims.personalData();
        Instant pausedUntil = data == null ? null : throttle.pausedUntil(data.email()).orElse(null);
        return Optional.of(new MemberView(memberId, data == null ? null : data.email(),
                data == null ? null : data.name(), data != null && data.emailVerified(), registeredAt,
                secondFactors.enrolled(id), credentials.isSuspended(memberId), pausedUntil, forgottenAt,
                forgottenAt == null ? sessions.liveSessionIds(id).size() : 0, isAdministrator(memberId)));
    }

    @Override
    public void suspendMember(String memberId, String admin) {
        requireMember(memberId);
        commands.send(new SuspendMemberCommand(new MemberId(memberId), admin));
        sessionService.endAll(new MemberId(memberId));
    }

    @Override
    public void unsuspendMember(String memberId, String admin) {
        MemberView member = requireMember(memberId);
        commands.send(new UnsuspendMemberCommand(new MemberId(memberId), admin));
        if (member.email() != null) {
            throttle.succeeded(member.email());
        }
    }

    @Override
    public void resetSecondFactor(String memberId, String admin) {
        requireMember(memberId);
        commands.send(new ResetSecondFactorCommand(new MemberId(memberId), admin));
    }

    @Override
    public int forgetMember(String memberId, String admin) {
        requireMember(memberId);
        return forgetting.forget(new MemberId(memberId), "admin_console").grantsRevoked();
    }

    private MemberView requireMember(String memberId) {
        return Optional.ofNullable(memberId).filter(id -> id.matches("[A-Za-z0-9._-]{1,64}")).flatMap(this::member)
                .orElseThrow(() -> new LedgerRejection("member_not_found", "no member with this id"));
    }

    // policy, audit, ledger ---------------------------------------------------------------------------

    @Override
    public PolicyView policy(String sourceAddress) {
        AuthenticationPolicy.Effective effective = policy.effective();
        AuthenticationPolicy.Decision here = policy.decide(sourceAddress);
        var changed = effective.changed();
        return new PolicyView(effective.trustedNetworks(), effective.otpOutsideTrustedNetworks(),
                sourceAddress, here.otpRequired(), here.reason(), administrators, maxAuthAge.toMinutes(),
                effective.secondFactorClients(), policyProperties.risk().newDevice(),
                policyProperties.risk().recentFailures(), changed == null ? null : changed.changedBy(),
                changed == null ? null : changed.changedVia(), changed == null ? null : changed.changedAt());
    }

    @Override
    public void changePolicy(PolicyChange change, String admin) {
        commands.send(new io.kizuna.api.policy.ChangeAuthenticationPolicyCommand(change.trustedNetworks(),
                change.otpOutsideTrustedNetworks(), change.secondFactorClients(), admin, "admin_console"));
    }

    @Override
    public List<AuditEntry> audit(AuditQuery query) {
        return trail.page(filter(query), Math.max(0, query.after()), query.limit()).stream().map(this::entry).toList();
    }

    @Override
    public void exportAudit(AuditQuery query, OutputStream out) {
        trail.stream(filter(query), 0, Long.MAX_VALUE, record -> {
            try {
                out.write(json.writeValueAsBytes(record));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public AccessAt accessAt(String memberId, String clientId, Instant at) {
        PointInTimeAccess.AccessReport report = pointInTime.at(memberId, clientId, at);
        return new AccessAt(report.memberId(), report.clientId(), report.at(), report.consentedScopes(),
                report.grants().stream().map(g -> new GrantAt(g.grantId(), g.scopes(), g.liveAccessTokens(),
                        g.canRefresh())).toList(), report.canAccess());
    }

    @Override
    public LedgerCheck verifyLedger() {
        VerificationReport report = verifier.verify();
        VerificationReport.Break firstBreak = report.firstBreak();
        return new LedgerCheck(report.intact(), report.eventsVerified(), report.pendingEvents(),
                firstBreak == null ? null : firstBreak.code().name(),
                firstBreak == null ? null : firstBreak.description(),
                firstBreak == null ? null : firstBreak.globalIndex(), report.verifiedAt(), report.durationMillis());
    }

    private static AuditFilter filter(AuditQuery query) {
        return new AuditFilter(blankToNull(query.memberId()), blankToNull(query.clientId()), query.from(),
                query.to(), blankToNull(query.type()));
    }

    /** The facts an auditor reads at a glance; a sign-in's sealed context is opened for the administrator. */
    private AuditEntry entry(AuditRecord record) {
        List<Detail> details = new ArrayList<>();
        JsonNode payload = record.payload();
        for (Iterator<String> names = payload.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode value = payload.get(name);
            if (DETAIL_FIELDS.contains(name) && !value.isNull()) {
                details.add(new Detail(name, text(value)));
            }
        }
        JsonNode context = payload.path("context");
        String memberId = payload.path("memberId").asText(null);
        if (context.isObject() && memberId != null) {
            SealedPersonalData sealed = new SealedPersonalData(context.path("keyId").asText(),
                    context.path("sealed").asText());
            vault.open(new MemberId(memberId), sealed).ifPresentOrElse(bytes -> {
                try {
                    JsonNode opened = json.readTree(bytes);
                    if (opened.hasNonNull("source_address")) {
                        details.add(new Detail("sourceAddress", opened.get("source_address").asText()));
                    }
                } catch (IOException e) {
                    details.add(new Detail("sourceAddress", "?"));
                }
            }, () -> details.add(new Detail("sourceAddress", "(forgotten)")));
        }
        return new AuditEntry(record.globalIndex(), record.type(), Instant.parse(record.occurredAt()),
                record.aggregateType(), record.aggregateId(), details, record.seal() != null);
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.isObject() && v.has("value") ? v.get("value").asText() : v.asText()));
            return String.join(" ", items);
        }
        if (value.isObject()) {
            return value.has("value") ? value.get("value").asText() : value.toString();
        }
        return value.asText();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    // signing keys -----------------------------------------------------------------------------------------

    @Override
    public List<SigningKeyView> signingKeys() {
        return signingKeys.list().stream().map(AdminConsoleBackend::view).toList();
    }

    @Override
    public SigningKeyView rotateSigningKey(String alg, String admin) {
        try {
            return view(signingKeys.rotate(alg));
        } catch (io.kizuna.protocol.oauth2.error.OAuthException e) {
            throw new io.kizuna.api.LedgerRejection(e.error(), e.description());
        }
    }

    @Override
    public SigningKeyView retireSigningKey(String kid, String admin) {
        try {
            return view(signingKeys.retire(kid, "operator"));
        } catch (io.kizuna.protocol.oauth2.error.OAuthException e) {
            throw new io.kizuna.api.LedgerRejection(e.error(), e.description());
        }
    }

    private static SigningKeyView view(io.kizuna.signingkey.SigningKeyLifecycle.KeyView key) {
        return new SigningKeyView(key.kid(), key.alg(), key.status(), key.createdAt(), key.activatedAt(),
                key.rotatedAt(), key.publishedUntil(), key.retiredAt(), key.keyEncryption());
    }

    @Override
    public Optional<ClientTokenSettings> clientTokenSettings(String clientId) {
        return registry.find(clientId).map(c -> {
            io.kizuna.client.TokenSettings t = c.tokenSettings();
            return new ClientTokenSettings(t.accessTokenSigningAlg(), t.idTokenSignedResponseAlg(),
                    t.accessTokenLifetime(), t.idTokenLifetime(), t.refreshTokenLifetime(), t.requirePkce(),
                    t.requiresDpop(), c.mtls().certificateBoundAccessTokens());
        });
    }

    @Override
    public void changeClientTokenSettings(String clientId, ClientTokenSettings settings, String admin) {
        live(clientId);
        // require_pkce: only an explicit false opts out (RFC 9700 §2.1.1); anything else is the default
        io.kizuna.client.TokenSettings wanted = new io.kizuna.client.TokenSettings(settings.accessTokenSigningAlg(),
                settings.idTokenSignedResponseAlg(), settings.accessTokenLifetime(), settings.refreshTokenLifetime(),
                settings.idTokenLifetime(), Boolean.FALSE.equals(settings.requirePkce()) ? Boolean.FALSE : null,
                settings.dpopBoundAccessTokens());
        wanted.check();
        registrations.changeTokenSettings(clientId, wanted);
        if (settings.tlsCertificateBoundAccessTokens() != null) {
            // RFC 8705 §3.4: the flag lives with the mutual-TLS settings; their certificate identifiers stay
            io.kizuna.client.MtlsSettings mtls = registry.find(clientId).map(RegisteredClient::mtls)
                    .orElse(io.kizuna.client.MtlsSettings.NONE);
            registrations.changeMtlsSettings(clientId, new io.kizuna.client.MtlsSettings(mtls.subjectDn(),
                    mtls.sanDns(), mtls.sanUri(), mtls.sanIp(), mtls.sanEmail(),
                    settings.tlsCertificateBoundAccessTokens()));
        }
    }

    @Override
    public Optional<String> clientProfile(String clientId) {
        return registry.find(clientId).map(c -> c.profile().value());
    }

    @Override
    public void changeClientProfile(String clientId, String profile, String admin) {
        live(clientId);
        io.kizuna.client.ClientProfile wanted = io.kizuna.client.ClientProfile.of(profile)
                .orElseThrow(() -> new io.kizuna.api.LedgerRejection("invalid_client_metadata",
                        "unknown client profile"));
        registrations.changeProfile(clientId, wanted);
    }

    @Override
    public Optional<io.kizuna.api.admin.AdminConsole.ClientLogoutSettings> clientLogoutSettings(String clientId) {
        return registry.find(clientId).map(RegisteredClient::logoutSettings).map(l ->
                new io.kizuna.api.admin.AdminConsole.ClientLogoutSettings(l.postLogoutRedirectUris(),
                        l.backchannelLogoutUri(), l.backchannelLogoutSessionRequired(), l.frontchannelLogoutUri(),
                        l.frontchannelLogoutSessionRequired()));
    }

    @Override
    public void changeClientLogoutSettings(String clientId,
                                           io.kizuna.api.admin.AdminConsole.ClientLogoutSettings settings,
                                           String admin) {
        live(clientId);
        registrations.changeLogoutSettings(clientId, new io.kizuna.client.LogoutSettings(
                settings.postLogoutRedirectUris(), settings.backchannelLogoutUri(),
                settings.backchannelLogoutSessionRequired(), settings.frontchannelLogoutUri(),
                settings.frontchannelLogoutSessionRequired()));
    }

    @Override
    public Optional<ClientResponseProtection> clientResponseProtection(String clientId) {
        return registry.find(clientId).map(c -> registrations.currentProtection(clientId))
                .map(p -> new ClientResponseProtection(p.idTokenEncryptedResponseAlg(), p.idTokenEncryptedResponseEnc(),
                        p.userinfoSignedResponseAlg(), p.userinfoEncryptedResponseAlg(),
                        p.userinfoEncryptedResponseEnc(), p.jwksUri()));
    }

    @Override
    public void changeClientResponseProtection(String clientId, ClientResponseProtection p, String admin) {
        live(clientId);
        registrations.changeResponseProtection(clientId, new io.kizuna.client.ResponseProtection(
                p.idTokenEncryptedResponseAlg(), p.idTokenEncryptedResponseEnc(), p.userinfoSignedResponseAlg(),
                p.userinfoEncryptedResponseAlg(), p.userinfoEncryptedResponseEnc(), p.jwksUri()));
    }

    @Override
    public Optional<ClientAuthorizationResponse> clientAuthorizationResponse(String clientId) {
        return registry.find(clientId).map(c -> registry.authorizationResponse(clientId))
                .map(s -> new ClientAuthorizationResponse(s.signedResponseAlg(), s.encryptedResponseAlg(),
                        s.encryptedResponseEnc()));
    }

    @Override
    public void changeClientAuthorizationResponse(String clientId, ClientAuthorizationResponse s, String admin) {
        live(clientId);
        registrations.changeAuthorizationResponse(clientId, new io.kizuna.client.AuthorizationResponseSettings(
                s.signedResponseAlg(), s.encryptedResponseAlg(), s.encryptedResponseEnc()));
    }

    @Override
    public Optional<io.kizuna.api.admin.AdminConsole.ClientRequestObjectSettings> clientRequestObjectSettings(
            String clientId) {
        return registry.find(clientId).map(RegisteredClient::requestObjectSettings).map(r ->
                new io.kizuna.api.admin.AdminConsole.ClientRequestObjectSettings(r.requestUris(),
                        r.requestObjectEncryptionAlg(), r.requestObjectEncryptionEnc()));
    }

    @Override
    public void changeClientRequestObjectSettings(String clientId,
                                                  io.kizuna.api.admin.AdminConsole.ClientRequestObjectSettings settings,
                                                  String admin) {
        live(clientId);
        registrations.changeRequestObjectSettings(clientId, new io.kizuna.client.RequestObjectSettings(
                settings.requestUris(), settings.requestObjectEncryptionAlg(), settings.requestObjectEncryptionEnc()));
    }

    @Override
    public Optional<io.kizuna.api.admin.AdminConsole.ClientPresentation> clientPresentation(String clientId) {
        return registry.find(clientId).map(RegisteredClient::presentation).map(p ->
                new io.kizuna.api.admin.AdminConsole.ClientPresentation(p.logoUri(), p.policyUri(), p.tosUri()));
    }

    @Override
    public void changeClientPresentation(String clientId,
                                         io.kizuna.api.admin.AdminConsole.ClientPresentation presentation,
                                         String admin) {
        live(clientId);
        registrations.changePresentation(clientId, new io.kizuna.client.ClientPresentation(presentation.logoUri(),
                presentation.policyUri(), presentation.tosUri()));
    }

    @org.springframework.beans.factory.annotation.Autowired
    private io.kizuna.config.KizunaProperties kizunaProperties;

    /** OIDC DCR §2 {@code client_uri} is shown to members: the same rule as at dynamic registration. */
    private void checkSiteUri(String siteUri) {
        io.kizuna.client.ClientPresentation.checkUri("client_uri", blankToNull(siteUri),
                io.kizuna.client.BackchannelSettings.loopbackHttpAllowed(kizunaProperties));
    }
}
