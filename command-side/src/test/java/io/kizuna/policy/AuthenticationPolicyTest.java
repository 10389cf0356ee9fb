package io.kizuna.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.policy.AuthenticationPolicy.Context;
import io.kizuna.policy.AuthenticationPolicy.Decision;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The policy's rules and their order: strict rules first, then the risk signals (ITU-T X.1254 LoA 2 / 3). */
class AuthenticationPolicyTest {
    static final String OFFICE = "10.1.2.3";
    static final String CAFE = "203.0.113.7";

    final AuthenticationPolicy policy = new AuthenticationPolicy(new PolicyProperties(List.of("10.0.0.0/8"), true,
            List.of("payroll"), new PolicyProperties.Risk(true, 3)));

    @Test
    @DisplayName("inside the company network from a known browser a password suffices")
    void insideKnownDevice() {
        assertThat(policy.decide(new Context(OFFICE, null, "www", true, 0)))
                .isEqualTo(new Decision(false, "trusted_network", true));
    }

    @Test
    @DisplayName("outside the company network a second factor is required, strictly")
    void outside() {
        assertThat(policy.decide(new Context(CAFE, null, "www", true, 0)))
                .isEqualTo(new Decision(true, "outside_trusted_networks", true));
    }

    @Test
    @DisplayName("OIDC Core §3.1.2.1 acr_values LoA 3 needs the second factor even inside")
    void acrValuesLoa3() {
        assertThat(policy.decide(new Context(OFFICE, AuthenticationPolicy.LOA3, "www", true, 0)))
                .isEqualTo(new Decision(true, "loa3_requested", true));
    }

    @Test
    @DisplayName("a client configured for LoA 3 needs the second factor even inside")
    void clientRule() {
        assertThat(policy.decide(new Context(OFFICE, null, "payroll", true, 0)))
                .isEqualTo(new Decision(true, "client_requires_loa3", true));
        assertThat(policy.decide(new Context(OFFICE, null, null, true, 0)).otpRequired())
                .as("the account console is not that client").isFalse();
    }

    @Test
    @DisplayName("risk: repeated failures before the right password ask for the second factor if enrolled")
    void recentFailures() {
        assertThat(policy.decide(new Context(OFFICE, null, "www", true, 2)).otpRequired()).isFalse();
        assertThat(policy.decide(new Context(OFFICE, null, "www", true, 3)))
                .isEqualTo(new Decision(true, "risk_recent_failures", false));
    }

    @Test
    @DisplayName("risk: a browser new to the member asks for the second factor if enrolled")
    void newDevice() {
        assertThat(policy.decide(new Context(OFFICE, null, "www", false, 0)))
                .isEqualTo(new Decision(true, "risk_new_device", false));
    }

    @Test
    @DisplayName("strict rules win over risk signals, so their refusal cannot be downgraded")
    void strictBeforeRisk() {
        assertThat(policy.decide(new Context(CAFE, null, "www", false, 5)))
                .isEqualTo(new Decision(true, "outside_trusted_networks", true));
    }

    @Test
    @DisplayName("risk signals are off unless configured; outside without the OTP rule a password suffices")
    void riskOffByDefault() {
        AuthenticationPolicy plain = new AuthenticationPolicy(new PolicyProperties(List.of("10.0.0.0/8"), false));
        assertThat(plain.decide(new Context(CAFE, null, "www", false, 10)))
                .isEqualTo(new Decision(false, "password_sufficient", true));
    }
}
