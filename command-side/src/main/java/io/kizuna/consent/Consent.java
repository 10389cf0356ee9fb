package io.kizuna.consent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.consent.ConsentGranted;
import io.kizuna.api.consent.ConsentRevoked;
import io.kizuna.api.consent.GrantConsentCommand;
import io.kizuna.api.consent.RevokeConsentCommand;
import io.kizuna.ledger.Rules;
import java.time.Clock;
import java.util.List;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** A member's remembered consent for one client: the union of every scope they approved. */
@Aggregate
public class Consent {

    @AggregateIdentifier
    private String consentId;
    private final TreeSet<String> scopes = new TreeSet<>();

    protected Consent() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(GrantConsentCommand command, Clock clock) {
        Rules.require(command.scopes() != null && !command.scopes().isEmpty(), "invalid_scope",
                "consent needs at least one scope");
        Rules.require(command.consentId().equals(GrantConsentCommand.consentIdOf(command.memberId(), command.clientId())),
                "invalid_request", "consent id does not match member and client");
        TreeSet<String> all = new TreeSet<>(scopes);
        all.addAll(command.scopes());
        apply(new ConsentGranted(command.consentId(), command.memberId(), command.clientId(),
                List.copyOf(new TreeSet<>(command.scopes())), List.copyOf(all), clock.instant()));
    }

    /** Idempotent: withdrawing a consent that covers nothing records nothing. */
    @CommandHandler
    public boolean handle(RevokeConsentCommand command, Clock clock) {
        if (scopes.isEmpty()) {
            return false;
        }
        apply(new ConsentRevoked(consentId, command.memberId(), command.clientId(), List.copyOf(scopes),
                clock.instant()));
        return true;
    }

    @EventSourcingHandler
    void on(ConsentRevoked event) {
        scopes.clear();
    }

    @EventSourcingHandler
    void on(ConsentGranted event) {
        this.consentId = event.consentId();
        this.scopes.addAll(event.allScopes());
    }
}
