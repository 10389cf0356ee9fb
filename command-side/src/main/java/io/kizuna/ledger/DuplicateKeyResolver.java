package io.kizuna.ledger;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Tells Axon's JDBC event store that an append lost the race for an (aggregate, sequence) slot, so it
 * raises a {@code ConcurrencyException} that {@link LedgerCommands} retries. Axon's default resolver
 * only recognises {@link SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never
 * throws: it reports unique violations as a plain {@link SQLException} with SQLSTATE {@code 23505}, so
 * two nodes appending to one grant at once ended in a generic store error (a 500) instead of a retry.
 */
public class DuplicateKeyResolver implements PersistenceExceptionResolver {
    /** SQL standard class 23 (integrity constraint violation), PostgreSQL's unique_violation. */
    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException
                    || t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
