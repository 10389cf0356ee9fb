package io.kizuna.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.EndSessionCommand;
import io.kizuna.api.session.SessionEnded;
import io.kizuna.api.session.SessionStarted;
import io.kizuna.api.session.StartSessionCommand;
import io.kizuna.ledger.Rules;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A single sign-on session: one sign-in serving every service site until it ends or expires. */
@Aggregate
public class Session {

    @AggregateIdentifier
    private String sessionId;
    private MemberId memberId;
    private boolean ended;

    protected Session() {
    }

    @CommandHandler
    public Session(StartSessionCommand command, Clock clock) {
        Rules.require(command.secretHash() != null && command.amr() != null && !command.amr().isEmpty(),
                "invalid_request", "a session needs its secret's hash and at least one authentication method");
        Rules.require(command.expiresAt() != null && command.expiresAt().isAfter(clock.instant()), "invalid_request",
                "a session must expire in the future");
        apply(new SessionStarted(command.sessionId(), command.memberId(), command.secretHash(),
                List.copyOf(command.amr()), command.acr(), command.clientId(), clock.instant(), command.expiresAt()));
    }

    /** Idempotent for the owner; another member's request is refused without revealing anything. */
    @CommandHandler
    public boolean handle(EndSessionCommand command, Clock clock) {
        if (!memberId.equals(command.memberId()) || ended) {
            return false;
        }
        apply(new SessionEnded(sessionId, memberId, command.reason(), clock.instant()));
        return true;
    }

    @EventSourcingHandler
    void on(SessionStarted event) {
        sessionId = event.sessionId();
        memberId = event.memberId();
    }

    @EventSourcingHandler
    void on(SessionEnded event) {
        ended = true;
    }
}
