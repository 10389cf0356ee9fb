package io.kizuna.ui.fakes;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.admin.AdminConsole;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Session {@link #ADMIN_SESSION} is an administrator; any other session a member who is not; no cookie
 * is anonymous. One client ({@code www-demo}) and one member ({@code m-1}).
 */
@Component
public class FakeAdminConsole implements AdminConsole {
    public static final String ADMIN_SESSION = "admin-session-cookie";
    public static final Instant T0 = Instant.parse("2026-11-26T03:00:00Z");
    public volatile int verifications;

    @Override
    public Access access(String sessionCookie, String sourceAddress) {
        if (sessionCookie == null) {
            return new Access(Outcome.ANONYMOUS, null);
        }
        return ADMIN_SESSION.equals(sessionCookie) ? new Access(Outcome.GRANTED, "admin-1")
                : new Access(Outcome.FORBIDDEN, "member-1");
    }

    @Override
    public List<ClientView> clients() {
        return client("www-demo").stream().toList();
    }

    @Override
    public Optional<ClientView> client(String clientId) {
        return "www-demo".equals(clientId) ? Optional.of(new ClientView("www-demo", "www (demo)", "CONFIDENTIAL",
                "client_secret_basic", List.of("http://localhost:8081/callback"),
                List.of("authorization_code", "refresh_token"), List.of("openid", "profile"), null, "jwt", T0, true))
                : Optional.empty();
    }

    @Override
    public Credentials createClient(ClientForm form, String admin) {
        if (form.name().isBlank()) {
            throw new LedgerRejection("invalid_client_metadata", "client_name is required");
        }
        return new Credentials("new-client", "new-secret");
    }

    @Override
    public void updateClient(String clientId, ClientForm form, String admin) {
    }

    @Override
    public Credentials rotateSecret(String clientId, String admin) {
        return new Credentials(clientId, "rotated-secret");
    }

    @Override
    public void deleteClient(String clientId, String admin) {
    }

    @Override
    public Optional<MemberView> findMember(String emailOrMemberId) {
        return "m-1".equals(emailOrMemberId) || "taro@example.jp".equals(emailOrMemberId)
                ? Optional.of(new MemberView("m-1", "taro@example.jp", "Taro", true, T0, true, false, null, null, 1,
                false)) : Optional.empty();
    }

    @Override
    public void suspendMember(String memberId, String admin) {
    }

    @Override
    public void unsuspendMember(String memberId, String admin) {
    }

    @Override
    public void resetSecondFactor(String memberId, String admin) {
    }

    @Override
    public int forgetMember(String memberId, String admin) {
        return 0;
    }

    /** The last policy change accepted, and by whom; null until one. */
    public volatile PolicyChange policyChange;
    public volatile String policyChangedBy;

    @Override
    public PolicyView policy(String sourceAddress) {
        PolicyChange c = policyChange;
        return c == null ? new PolicyView(List.of("127.0.0.0/8"), true, sourceAddress, false, "trusted_network",
                List.of("admin@kizuna.example"), 30, List.of("bank-demo"), true, 3)
                : new PolicyView(c.trustedNetworks(), c.otpOutsideTrustedNetworks(), sourceAddress, false,
                "trusted_network", List.of("admin@kizuna.example"), 30, c.secondFactorClients(), true, 3,
                policyChangedBy, "admin_console", T0);
    }

    /** Like the aggregate: networks need a prefix here (a stand-in for Cidr.parse), clients must exist. */
    @Override
    public void changePolicy(PolicyChange change, String admin) {
        change.trustedNetworks().stream().filter(n -> !n.matches("[0-9a-f.:]+/\\d+")).findFirst().ifPresent(n -> {
            throw new LedgerRejection("invalid_trusted_networks", "not a network in CIDR notation: " + n);
        });
        change.secondFactorClients().stream().filter(c -> !List.of("www-demo", "bank-demo").contains(c)).findFirst()
                .ifPresent(c -> {
                    throw new LedgerRejection("invalid_second_factor_clients", "no registered client with the id " + c);
                });
        policyChange = change;
        policyChangedBy = admin;
    }

    @Override
    public List<AuditEntry> audit(AuditQuery query) {
        if ("many".equals(query.memberId())) {
            // a full page: indexes after+1 … after+limit
            return java.util.stream.LongStream.rangeClosed(query.after() + 1, query.after() + query.limit())
                    .mapToObj(i -> new AuditEntry(i, "grant.access_token.issued", T0, "Grant", "g-" + i, List.of(), true))
                    .toList();
        }
        return List.of(new AuditEntry(1, "member.login.succeeded", T0, "Member", "m-1",
                List.of(new Detail("amr", "pwd"), new Detail("sourceAddress", "127.0.0.1")), true));
    }

    @Override
    public void exportAudit(AuditQuery query, OutputStream out) {
    }

    @Override
    public AccessAt accessAt(String memberId, String clientId, Instant at) {
        return new AccessAt(memberId, clientId, at, List.of("openid"), List.of(), false);
    }

    @Override
    public LedgerCheck verifyLedger() {
        verifications++;
        return new LedgerCheck(true, 42, 0, null, null, null, T0, 3);
    }

    public final java.util.List<String> rotated = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final java.util.List<String> retired = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public List<SigningKeyView> signingKeys() {
        return List.of(
                new SigningKeyView("es-2", "ES256", "active", T0, T0, null, null, null, "master-key-aes-gcm"),
                new SigningKeyView("es-1", "ES256", "rotated", T0.minusSeconds(86_400), T0.minusSeconds(86_400), T0,
                        T0.plusSeconds(86_400), null, "master-key-aes-gcm"),
                new SigningKeyView("rs-1", "RS256", "active", T0, T0, null, null, null, "master-key-aes-gcm"));
    }

    @Override
    public SigningKeyView rotateSigningKey(String alg, String admin) {
        rotated.add(alg);
        return new SigningKeyView(alg.toLowerCase() + "-new", alg, "active", T0, T0, null, null, null, "m");
    }

    @Override
    public SigningKeyView retireSigningKey(String kid, String admin) {
        if (!"es-1".equals(kid)) {
            throw new io.kizuna.api.LedgerRejection("invalid_request", "only a rotated key can be retired");
        }
        retired.add(kid);
        return new SigningKeyView(kid, "ES256", "retired", T0, T0, T0, T0, T0, "m");
    }

    public final java.util.Map<String, ClientTokenSettings> tokenSettings = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public java.util.Optional<ClientTokenSettings> clientTokenSettings(String clientId) {
        return client(clientId).map(c -> tokenSettings.getOrDefault(clientId,
                new ClientTokenSettings(null, null, null, null, null)));
    }

    @Override
    public void changeClientTokenSettings(String clientId, ClientTokenSettings settings, String admin) {
        if (settings.accessTokenLifetime() != null && settings.accessTokenLifetime() < 60) {
            throw new io.kizuna.api.LedgerRejection("invalid_client_metadata",
                    "access_token_lifetime must be between 60 and 86400 seconds");
        }
        tokenSettings.put(clientId, settings);
    }

    private final java.util.Map<String, String> profiles = new java.util.HashMap<>();

    @Override
    public java.util.Optional<String> clientProfile(String clientId) {
        return client(clientId).map(c -> profiles.getOrDefault(clientId, "none"));
    }

    /** Like the real aggregate: a secret-based client cannot take a FAPI profile. */
    @Override
    public void changeClientProfile(String clientId, String profile, String admin) {
        if (!"none".equals(profile)) {
            throw new io.kizuna.api.LedgerRejection("invalid_client_metadata",
                    "a FAPI client is confidential and authenticates with private_key_jwt, tls_client_auth or "
                            + "self_signed_tls_client_auth");
        }
        profiles.put(clientId, profile);
    }

    public final java.util.Map<String, ClientLogoutSettings> logoutSettings = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public java.util.Optional<ClientLogoutSettings> clientLogoutSettings(String clientId) {
        return client(clientId).map(c -> logoutSettings.getOrDefault(clientId,
                new ClientLogoutSettings(java.util.List.of(), null, false)));
    }

    @Override
    public void changeClientLogoutSettings(String clientId, ClientLogoutSettings settings, String admin) {
        if (settings.backchannelLogoutUri() != null && !settings.backchannelLogoutUri().startsWith("http")) {
            throw new io.kizuna.api.LedgerRejection("invalid_client_metadata",
                    "backchannel_logout_uri must be an absolute URI");
        }
        logoutSettings.put(clientId, settings);
    }

    public final java.util.Map<String, ClientPresentation> presentations = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public java.util.Optional<ClientPresentation> clientPresentation(String clientId) {
        return client(clientId).map(c -> presentations.getOrDefault(clientId, new ClientPresentation(null, null, null)));
    }

    @Override
    public void changeClientPresentation(String clientId, ClientPresentation presentation, String admin) {
        for (String uri : java.util.Arrays.asList(presentation.logoUri(), presentation.policyUri(), presentation.tosUri())) {
            if (uri != null && !uri.startsWith("https://")) {
                throw new io.kizuna.api.LedgerRejection("invalid_client_metadata",
                        "logo_uri must be an absolute https URL (OIDC DCR §2)");
            }
        }
        presentations.put(clientId, presentation);
    }

    public final java.util.Map<String, ClientRequestObjectSettings> requestObjectSettings =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public java.util.Optional<ClientRequestObjectSettings> clientRequestObjectSettings(String clientId) {
        return client(clientId).map(c -> requestObjectSettings.getOrDefault(clientId,
                new ClientRequestObjectSettings(java.util.List.of(), null, null)));
    }

    @Override
    public void changeClientRequestObjectSettings(String clientId, ClientRequestObjectSettings settings, String admin) {
        if (settings.requestUris().stream().anyMatch(u -> !u.startsWith("https://"))) {
            throw new io.kizuna.api.LedgerRejection("invalid_client_metadata",
                    "request_uris must be absolute https URLs (OIDC Core §6.2)");
        }
        requestObjectSettings.put(clientId, settings);
    }

    public final java.util.Map<String, ClientResponseProtection> protection = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public java.util.Optional<ClientResponseProtection> clientResponseProtection(String clientId) {
        return client(clientId).map(c -> protection.getOrDefault(clientId,
                new ClientResponseProtection(null, null, null, null, null, null)));
    }

    /** Like the aggregate: encryption needs a key source, here only a jwks_uri. */
    @Override
    public void changeClientResponseProtection(String clientId, ClientResponseProtection p, String admin) {
        if ((p.idTokenEncryptedResponseAlg() != null || p.userinfoEncryptedResponseAlg() != null) && p.jwksUri() == null) {
            throw new io.kizuna.api.LedgerRejection("invalid_client_metadata",
                    "encryption with RSA-OAEP-256 needs a public key in jwks, or a jwks_uri (OIDC DCR §2)");
        }
        protection.put(clientId, p);
    }

    public final java.util.Map<String, ClientAuthorizationResponse> jarm = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public java.util.Optional<ClientAuthorizationResponse> clientAuthorizationResponse(String clientId) {
        return client(clientId).map(c -> jarm.getOrDefault(clientId, new ClientAuthorizationResponse(null, null, null)));
    }

    /** Like the aggregate: encryption needs a key source (here only a jwks_uri in the protection settings). */
    @Override
    public void changeClientAuthorizationResponse(String clientId, ClientAuthorizationResponse s, String admin) {
        ClientResponseProtection p = protection.get(clientId);
        if (s.encryptedResponseAlg() != null && (p == null || p.jwksUri() == null)) {
            throw new io.kizuna.api.LedgerRejection("invalid_client_metadata",
                    "encryption with " + s.encryptedResponseAlg() + " needs a public key in jwks, or a jwks_uri (JARM section 3)");
        }
        jarm.put(clientId, s);
    }
}
