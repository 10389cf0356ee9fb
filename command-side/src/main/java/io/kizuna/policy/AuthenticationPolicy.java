package io.kizuna.policy;

import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Decides the factors a sign-in needs from its context. LoA 2 (ITU-T X.1254) is a password; LoA 3 adds
 * a second factor. Example: inside the company network a password suffices, outside it a TOTP code is
 * also required.
 */
@Component
@EnableConfigurationProperties(PolicyProperties.class)
public class AuthenticationPolicy {
    public static final String LOA2 = "urn:kizuna:loa:2";
    public static final String LOA3 = "urn:kizuna:loa:3";

    private final List<Cidr> trusted;
    private final boolean otpOutside;

    public AuthenticationPolicy(PolicyProperties properties) {
        this.trusted = properties.trustedNetworks().stream().map(Cidr::parse).toList();
        this.otpOutside = properties.otpOutsideTrustedNetworks();
    }

    public Decision decide(String sourceAddress) {
        return decide(sourceAddress, null);
    }

    /** @param requiredAcr what the client asked for with {@code acr_values}; LoA 3 always needs the second factor */
    public Decision decide(String sourceAddress, String requiredAcr) {
        if (LOA3.equals(requiredAcr)) {
            return new Decision(true, "loa3_requested");
        }
        boolean inside = trusted.stream().anyMatch(c -> c.contains(sourceAddress));
        if (otpOutside && !inside) {
            return new Decision(true, "outside_trusted_networks");
        }
        return new Decision(false, inside ? "trusted_network" : "password_sufficient");
    }

    /**
     * The level of assurance the factors of a sign-in reach (RFC 8176 amr values): a second factor — a
     * one-time code ({@code otp}) or a WebAuthn key ({@code hwk}, {@code swk}) — makes LoA 3.
     */
    public static String acrOf(List<String> amr) {
        return amr != null && (amr.contains("otp") || amr.contains("hwk") || amr.contains("swk")) ? LOA3 : LOA2;
    }

    /** @param reason a stable code recorded with failed sign-ins and shown to operators */
    public record Decision(boolean otpRequired, String reason) {
    }
}
