package io.kizuna.ledger;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Sends a command and retries when another node appended to the same aggregate first: without Axon
 * Server the nodes meet only at the event store's unique (aggregate, sequence) key. On one node the
 * repository's per-aggregate lock already serialises commands; across nodes the loser's append fails
 * on that key ({@link DuplicateKeyResolver} makes it a {@link ConcurrencyException}), and the retry
 * reloads the aggregate and decides again on the winner's events — e.g. a second redemption of one
 * code is then seen as a replay (RFC 6749 §4.1.2), never as a second success.
 */
@Component
public class LedgerCommands {
    private static final int ATTEMPTS = 3;
    private final CommandGateway gateway;

    public LedgerCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(command);
            } catch (ConcurrencyException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
