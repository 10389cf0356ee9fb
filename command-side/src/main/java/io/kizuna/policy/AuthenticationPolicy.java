package io.kizuna.policy;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Decides the factors a sign-in needs from its context: source network, client, requested level of
 * assurance and risk signals. LoA 2 (ITU-T X.1254) is a password; LoA 3 adds a second factor. Example:
 * inside the company network a password suffices, outside it a TOTP code is also required.
 *
 * <p>Rules, first match wins: the client asked for LoA 3 ({@code acr_values}, OIDC Core §3.1.2.1); the
 * client is configured to need LoA 3; the source is outside the trusted networks; the login had repeated
 * failures just before; the browser is new to this member. The first three are strict (no second factor,
 * no sign-in); the risk signals apply only when the member has a second factor to offer.
 */
@Component
@EnableConfigurationProperties(PolicyProperties.class)
public class AuthenticationPolicy {
    public static final String LOA2 = "urn:kizuna:loa:2";
    public static final String LOA3 = io.kizuna.api.session.SignInService.LOA3;

    private final Effective configured;
    private final RecordedPolicy recorded;
    private final PolicyProperties.Risk risk;
    private volatile Effective lastRecorded;

    /** The configured policy only (tests, tools). */
    public AuthenticationPolicy(PolicyProperties properties) {
        this(properties, null);
    }

    /**
     * The configured {@code kizuna.policy.*} values until an administrator records a change
     * ({@code policy.changed}); from then on the recorded trusted networks, "second factor outside" and LoA 3
     * clients. The risk signals stay configuration.
     */
    @org.springframework.beans.factory.annotation.Autowired
    public AuthenticationPolicy(PolicyProperties properties, RecordedPolicy recorded) {
        this.configured = new Effective(properties.trustedNetworks(),
                properties.trustedNetworks().stream().map(Cidr::parse).toList(),
                properties.otpOutsideTrustedNetworks(), properties.secondFactorClients(),
                Set.copyOf(properties.secondFactorClients()), null);
        this.recorded = recorded;
        this.risk = properties.risk();
    }

    /**
     * The settings in force now.
     *
     * @param changed the recorded change they come from, or null for the configuration
     */
    public record Effective(List<String> trustedNetworks, List<Cidr> trusted, boolean otpOutsideTrustedNetworks,
                            List<String> secondFactorClients, Set<String> loa3Clients,
                            RecordedPolicy.Settings changed) {
    }

    /** The trusted networks, "second factor outside" and LoA 3 clients in force now. */
    public Effective effective() {
        if (recorded == null) {
            return configured;
        }
        RecordedPolicy.Settings settings = recorded.current().orElse(null);
        if (settings == null) {
            return configured;
        }
        Effective last = lastRecorded;
        if (last == null || last.changed() != settings) {
            last = new Effective(settings.trustedNetworks(), settings.trusted(), settings.otpOutsideTrustedNetworks(),
                    settings.secondFactorClients(), Set.copyOf(settings.secondFactorClients()), settings);
            lastRecorded = last;
        }
        return last;
    }

    public PolicyProperties.Risk risk() {
        return risk;
    }

    public Decision decide(String sourceAddress) {
        return decide(new Context(sourceAddress, null, null, true, 0));
    }

    /** @param requiredAcr what the client asked for with {@code acr_values}; LoA 3 always needs the second factor */
    public Decision decide(String sourceAddress, String requiredAcr) {
        return decide(new Context(sourceAddress, requiredAcr, null, true, 0));
    }

    /**
     * The level of assurance the factors of a sign-in reach (RFC 8176 amr values): a second factor — a
     * one-time code ({@code otp}) or a WebAuthn key ({@code hwk}, {@code swk}) — makes LoA 3.
     */
    public static String acrOf(List<String> amr) {
        return amr != null && (amr.contains("otp") || amr.contains("hwk") || amr.contains("swk")) ? LOA3 : LOA2;
    }

    public Decision decide(Context context) {
        Effective policy = effective();
        List<Cidr> trusted = policy.trusted();
        boolean otpOutside = policy.otpOutsideTrustedNetworks();
        Set<String> loa3Clients = policy.loa3Clients();
        if (LOA3.equals(context.requiredAcr())) {
            return Decision.strict("loa3_requested");
        }
        if (context.clientId() != null && loa3Clients.contains(context.clientId())) {
            return Decision.strict("client_requires_loa3");
        }
        byte[] source = Cidr.addressOf(context.sourceAddress());
        boolean inside = source != null && trusted.stream().anyMatch(c -> c.contains(source));
        if (otpOutside && !inside) {
            return Decision.strict("outside_trusted_networks");
        }
        if (risk.recentFailures() > 0 && context.recentFailures() >= risk.recentFailures()) {
            return Decision.ifEnrolled("risk_recent_failures");
        }
        if (risk.newDevice() && !context.knownDevice()) {
            return Decision.ifEnrolled("risk_new_device");
        }
        return new Decision(false, inside ? "trusted_network" : "password_sufficient", true);
    }

    /**
     * What the policy sees of one sign-in.
     *
     * @param clientId       the client the sign-in is for, or null (account console)
     * @param knownDevice    the browser completed a sign-in for this member before
     * @param recentFailures failed passwords for this login in the current throttle window
     */
    public record Context(String sourceAddress, String requiredAcr, String clientId, boolean knownDevice,
                          int recentFailures) {
    }

    /**
     * @param otpRequired a second factor is asked for
     * @param reason      a stable code recorded with the sign-in's outcome and shown to auditors
     * @param strict      without an enrolled second factor the sign-in is refused; when false (risk signals)
     *                    a member without one continues with the password
     */
    public record Decision(boolean otpRequired, String reason, boolean strict) {
        public Decision(boolean otpRequired, String reason) {
            this(otpRequired, reason, true);
        }

        static Decision strict(String reason) {
            return new Decision(true, reason, true);
        }

        static Decision ifEnrolled(String reason) {
            return new Decision(true, reason, false);
        }
    }
}
