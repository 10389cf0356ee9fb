package io.kizuna.policy;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * {@code kizuna.policy.*}: which source networks count as the company network, whether a second factor is
 * required outside them, which clients always need LoA 3, and which risk signals ask for a second factor.
 *
 * @param trustedNetworks            CIDR ranges, e.g. {@code 10.0.0.0/8, 192.168.0.0/16}
 * @param otpOutsideTrustedNetworks  require a second factor for sign-ins from anywhere else
 * @param secondFactorClients        client ids whose sign-ins always need a second factor (LoA 3), wherever
 * @param risk                       risk signals; see {@link Risk}
 */
@ConfigurationProperties(prefix = "kizuna.policy")
public record PolicyProperties(List<String> trustedNetworks, boolean otpOutsideTrustedNetworks,
                               List<String> secondFactorClients, Risk risk) {
    @ConstructorBinding
    public PolicyProperties {
        trustedNetworks = trustedNetworks == null ? List.of() : List.copyOf(trustedNetworks);
        secondFactorClients = secondFactorClients == null ? List.of() : List.copyOf(secondFactorClients);
        risk = risk == null ? new Risk(false, 0) : risk;
    }

    public PolicyProperties(List<String> trustedNetworks, boolean otpOutsideTrustedNetworks) {
        this(trustedNetworks, otpOutsideTrustedNetworks, List.of(), null);
    }

    /**
     * Risk signals. They ask a member who has a second factor for it even where a password would do; a
     * member without one signs in with the password and the outcome records the unanswered signal, so a risk
     * signal can never lock a member out.
     *
     * @param newDevice       a browser this member has not completed a sign-in from before
     * @param recentFailures  this many failed passwords for the login within the throttle window before the
     *                        right one (0 switches the signal off)
     */
    public record Risk(boolean newDevice, int recentFailures) {
        public Risk {
            if (recentFailures < 0) {
                throw new IllegalArgumentException("kizuna.policy.risk.recent-failures must be >= 0");
            }
        }
    }
}
