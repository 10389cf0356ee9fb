package io.kizuna.policy;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.policy.AuthenticationPolicyChanged;
import io.kizuna.api.policy.ChangeAuthenticationPolicyCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The recorded authentication policy: given events → change → the event, or a refusal with nothing recorded. */
class AuthenticationPolicyAggregateTest {
    static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    static final String ID = ChangeAuthenticationPolicyCommand.POLICY_ID;

    AggregateTestFixture<AuthenticationPolicyAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AuthenticationPolicyAggregate.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new KnownClients(null) {
            @Override
            public boolean isLive(String clientId) {
                return Set.of("payroll", "hr").contains(clientId);
            }
        });
    }

    static ChangeAuthenticationPolicyCommand change(List<String> networks, List<String> clients) {
        return new ChangeAuthenticationPolicyCommand(networks, true, clients, "m-admin", "admin_console");
    }

    @Test
    @DisplayName("the first change creates the policy; values are stripped, blanks and duplicates dropped, order kept")
    void firstChangeIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(change(List.of(" 10.0.0.0/8", "2001:db8::/32", "", "10.0.0.0/8", "192.0.2.1"),
                        List.of("payroll", "payroll")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AuthenticationPolicyChanged(ID, List.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.1"),
                        true, List.of("payroll"), "m-admin", "admin_console", NOW));
    }

    @Test
    @DisplayName("a later change replaces the policy; an empty network list is allowed (everywhere is outside)")
    void laterChangeIsRecorded() {
        fixture.given(new AuthenticationPolicyChanged(ID, List.of("10.0.0.0/8"), true, List.of(), "m-admin",
                        "admin_console", NOW.minusSeconds(60)))
                .when(new ChangeAuthenticationPolicyCommand(List.of(), false, List.of("hr"), "operator", "admin_api"))
                .expectEvents(new AuthenticationPolicyChanged(ID, List.of(), false, List.of("hr"), "operator",
                        "admin_api", NOW));
    }

    @Test
    @DisplayName("a network that is not a CIDR (or a host name, which would need the DNS) is refused")
    void malformedNetworkRefused() {
        for (String bad : List.of("10.0.0.0/33", "10.0.0/8", "intranet.example", "cafe", "10.0.0.0/x", "::1/129")) {
            fixture.givenNoPriorActivity()
                    .when(change(List.of("10.0.0.0/8", bad), List.of()))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString(bad));
        }
    }

    @Test
    @DisplayName("more than 100 networks or clients are refused")
    void tooManyEntriesRefused() {
        List<String> networks = IntStream.range(0, 101).mapToObj(i -> "10.0." + i + ".0/24").toList();
        fixture.givenNoPriorActivity()
                .when(change(networks, List.of()))
                .expectNoEvents()
                .expectException(LedgerRejection.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("at most 100 trusted networks"));
        fixture.givenNoPriorActivity()
                .when(change(networks.subList(0, 100), List.of()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    @DisplayName("a client id that is not registered is refused and named")
    void unknownClientRefused() {
        fixture.givenNoPriorActivity()
                .when(change(List.of("10.0.0.0/8"), List.of("payroll", "ghost")))
                .expectNoEvents()
                .expectException(LedgerRejection.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("ghost"));
    }

    @Test
    @DisplayName("the change must name the administrator by member id, not by e-mail")
    void administratorByMemberId() {
        fixture.givenNoPriorActivity()
                .when(new ChangeAuthenticationPolicyCommand(List.of(), true, List.of(), "admin@kizuna.example",
                        "admin_console"))
                .expectNoEvents()
                .expectException(LedgerRejection.class);
    }
}
