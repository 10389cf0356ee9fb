package io.kizuna.policy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.policy.AuthenticationPolicyChanged;
import io.kizuna.api.policy.ChangeAuthenticationPolicyCommand;
import io.kizuna.ledger.Rules;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The authentication policy's editable settings, one aggregate with the fixed id
 * {@link ChangeAuthenticationPolicyCommand#POLICY_ID}: the trusted networks, whether a second factor is
 * required outside them and the clients that always need LoA 3. Until its first event the configured
 * {@code kizuna.policy.*} values apply. A change is refused, with nothing recorded, when a network is not
 * a CIDR, a list has more than {@value #MAX_ENTRIES} entries, or a client is not registered; duplicates
 * are dropped and the order kept.
 */
@Aggregate
public class AuthenticationPolicyAggregate {
    public static final int MAX_ENTRIES = 100;
    static final Set<String> CHANNELS = Set.of("admin_console", "admin_api");

    @AggregateIdentifier
    private String policyId;

    protected AuthenticationPolicyAggregate() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeAuthenticationPolicyCommand command, KnownClients clients, Clock clock) {
        Rules.require(ChangeAuthenticationPolicyCommand.POLICY_ID.equals(command.policyId()), "invalid_request",
                "there is one authentication policy: " + ChangeAuthenticationPolicyCommand.POLICY_ID);
        Rules.require(command.by() != null && command.by().matches("[A-Za-z0-9._-]{1,64}"), "invalid_request",
                "the change must name the administrator's member id");
        Rules.require(CHANNELS.contains(command.changedVia()), "invalid_request",
                "changedVia must be one of " + CHANNELS);
        List<String> networks = distinct(command.trustedNetworks());
        Rules.require(networks.size() <= MAX_ENTRIES, "invalid_trusted_networks",
                "at most " + MAX_ENTRIES + " trusted networks (got " + networks.size() + ")");
        for (String network : networks) {
            try {
                Cidr.parse(network);
            } catch (IllegalArgumentException e) {
                throw new LedgerRejection("invalid_trusted_networks",
                        "not a network in CIDR notation (e.g. 10.0.0.0/8, 2001:db8::/32): " + shorten(network));
            }
        }
        List<String> secondFactorClients = distinct(command.secondFactorClients());
        Rules.require(secondFactorClients.size() <= MAX_ENTRIES, "invalid_second_factor_clients",
                "at most " + MAX_ENTRIES + " clients (got " + secondFactorClients.size() + ")");
        List<String> unknown = secondFactorClients.stream().filter(c -> !clients.isLive(c)).toList();
        Rules.require(unknown.isEmpty(), "invalid_second_factor_clients",
                "no registered client with the id " + String.join(", ", unknown.stream().limit(5)
                        .map(AuthenticationPolicyAggregate::shorten).toList()));
        apply(new AuthenticationPolicyChanged(command.policyId(), networks, command.otpOutsideTrustedNetworks(),
                secondFactorClients, command.by(), command.changedVia(), clock.instant()));
    }

    private static List<String> distinct(List<String> values) {
        if (values == null) {
            return List.of();
        }
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                kept.add(value.strip());
            }
        }
        return List.copyOf(new ArrayList<>(kept));
    }

    private static String shorten(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "…" : value;
    }

    @EventSourcingHandler
    void on(AuthenticationPolicyChanged event) {
        this.policyId = event.policyId();
    }
}
