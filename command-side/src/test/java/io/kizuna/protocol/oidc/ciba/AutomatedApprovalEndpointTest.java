package io.kizuna.protocol.oidc.ciba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The CIBA automated-approval channel is off unless switched on explicitly, and then only with a long key. */
class AutomatedApprovalEndpointTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(AutomatedApprovalEndpoint.class);

    @Test
    @DisplayName("off by default: no endpoint without kizuna.ciba.automated-approval.enabled=true")
    void offByDefault() {
        runner.run(context -> assertThat(context).doesNotHaveBean(AutomatedApprovalEndpoint.class));
        runner.withPropertyValues("kizuna.ciba.automated-approval.enabled=false",
                        "kizuna.ciba.automated-approval.key=0123456789abcdef0123456789abcdef")
                .run(context -> assertThat(context).doesNotHaveBean(AutomatedApprovalEndpoint.class));
    }

    @Test
    @DisplayName("switched on without a key of 32 characters or more: the server refuses to start")
    void onNeedsALongKey() {
        assertThatThrownBy(() -> new AutomatedApprovalEndpoint(null, "", java.util.List.of("pwd")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kizuna.ciba.automated-approval.key");
        assertThatThrownBy(() -> new AutomatedApprovalEndpoint(null, "too-short", java.util.List.of("pwd")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(new AutomatedApprovalEndpoint(null, "0123456789abcdef0123456789abcdef", java.util.List.of("pwd"))).isNotNull();
    }
}
