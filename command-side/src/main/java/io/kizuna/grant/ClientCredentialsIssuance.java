package io.kizuna.grant;

import io.kizuna.api.grant.IssueClientCredentialsTokenCommand;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Client-credentials issuance (RFC 6749 §4.4) as one event append, without the command bus and the
 * aggregate repository. The grant is new (a random id) and its decision needs none of its history
 * ({@link Grant#clientCredentials}), so there is no aggregate to load and no lock to take: this appends
 * {@code AccessTokenIssued} as the first event (sequence 0) of the {@code Grant} aggregate with that id,
 * exactly as the aggregate would, in a unit of work with the same transaction and the same correlation
 * metadata as a command. The guarantees stay those of the command path:
 * <ul>
 *   <li>the event is stored and committed (synchronous commit) before the token is returned;</li>
 *   <li>the read models of {@code read-your-writes} (the token lookup that introspection reads) are written
 *       in that same transaction, so the token is introspectable the instant it is returned;</li>
 *   <li>the event store's unique (aggregate, sequence) key still refuses a second first event of one grant;</li>
 *   <li>a later command on the grant (revocation, RFC 7009) loads it from this event like any other grant.</li>
 * </ul>
 * A failed append or commit rolls everything back and is thrown to the caller: no token is returned.
 * This skips about a third of the request's CPU in Axon's command path (handler resolution, aggregate
 * model, lock, interceptors): see docs/benchmarks/2026-11-26-throughput-levers.md.
 */
@Component
public class ClientCredentialsIssuance {
    /** The aggregate type the command path stores for a {@link Grant}'s events. */
    static final String AGGREGATE_TYPE = Grant.class.getSimpleName();

    private final EventBus events;
    private final TransactionManager transactions;
    private final TokenMinter minter;
    private final ObjectProvider<org.axonframework.config.Configuration> axon;
    private volatile List<CorrelationDataProvider> correlation;

    public ClientCredentialsIssuance(EventBus events, TransactionManager transactions, TokenMinter minter,
                                     ObjectProvider<org.axonframework.config.Configuration> axon) {
        this.events = events;
        this.transactions = transactions;
        this.minter = minter;
        this.axon = axon;
    }

    public TokenSet issue(IssueClientCredentialsTokenCommand command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        correlationDataProviders().forEach(unitOfWork::registerCorrelationDataProvider);
        ResultMessage<TokenSet> result;
        try {
            unitOfWork.attachTransaction(transactions);
            result = unitOfWork.executeWithResult(() -> {
                Grant.ClientCredentialsIssued issued = Grant.clientCredentials(command, minter);
                events.publish(new GenericDomainEventMessage<>(AGGREGATE_TYPE, command.grantId().value(), 0L,
                        issued.event()));
                return issued.tokens();
            });
        } catch (RuntimeException e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            throw e;
        }
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("issuing a client-credentials token failed", failure);
        }
        return result.getPayload();
    }

    /** The correlation data providers the command bus uses (trace and correlation id of the command). */
    private List<CorrelationDataProvider> correlationDataProviders() {
        List<CorrelationDataProvider> providers = correlation;
        if (providers == null) {
            providers = List.copyOf(axon.getObject().correlationDataProviders());
            correlation = providers;
        }
        return providers;
    }
}
