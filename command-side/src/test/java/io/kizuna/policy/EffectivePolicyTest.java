package io.kizuna.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The configured policy applies until a change is recorded; then the recorded one wins, risk stays configured. */
class EffectivePolicyTest {
    final AtomicReference<Optional<RecordedPolicy.Settings>> row = new AtomicReference<>(Optional.empty());
    final RecordedPolicy recorded = new RecordedPolicy(null, null, Clock.systemUTC(), Duration.ZERO) {
        @Override
        public Optional<Settings> current() {
            return row.get();
        }
    };
    final AuthenticationPolicy policy = new AuthenticationPolicy(new PolicyProperties(List.of("10.0.0.0/8"), true,
            List.of(), new PolicyProperties.Risk(false, 3)), recorded);

    @Test
    @DisplayName("before the first policy.changed the configuration decides; after it the recorded settings")
    void recordedPolicyWins() {
        assertThat(policy.decide("10.1.2.3").otpRequired()).isFalse();
        assertThat(policy.decide("192.0.2.7").reason()).isEqualTo("outside_trusted_networks");
        assertThat(policy.effective().changed()).isNull();

        row.set(Optional.of(new RecordedPolicy.Settings(List.of("192.0.2.0/24"), List.of(Cidr.parse("192.0.2.0/24")),
                true, List.of("payroll"), "m-admin", "admin_console", Instant.now())));
        assertThat(policy.decide("192.0.2.7").reason()).isEqualTo("trusted_network");
        assertThat(policy.decide("10.1.2.3").reason()).isEqualTo("outside_trusted_networks");
        assertThat(policy.decide(new AuthenticationPolicy.Context("192.0.2.7", null, "payroll", true, 0)).reason())
                .isEqualTo("client_requires_loa3");
        assertThat(policy.decide(new AuthenticationPolicy.Context("192.0.2.7", null, null, true, 3)).reason())
                .as("risk signals stay configuration").isEqualTo("risk_recent_failures");
        assertThat(policy.effective().changed().changedBy()).isEqualTo("m-admin");

        row.set(Optional.of(new RecordedPolicy.Settings(List.of(), List.of(), false, List.of(), "operator",
                "admin_api", Instant.now())));
        assertThat(policy.decide("10.1.2.3").reason()).isEqualTo("password_sufficient");
    }
}
