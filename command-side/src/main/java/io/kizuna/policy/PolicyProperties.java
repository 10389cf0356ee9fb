package io.kizuna.policy;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kizuna.policy.*}: which source networks count as the company network, and whether a second
 * factor is required outside them.
 *
 * @param trustedNetworks            CIDR ranges, e.g. {@code 10.0.0.0/8, 192.168.0.0/16}
 * @param otpOutsideTrustedNetworks  require TOTP for sign-ins from anywhere else
 */
@ConfigurationProperties(prefix = "kizuna.policy")
public record PolicyProperties(List<String> trustedNetworks, boolean otpOutsideTrustedNetworks) {
    public PolicyProperties {
        trustedNetworks = trustedNetworks == null ? List.of() : List.copyOf(trustedNetworks);
    }
}
