package io.kizuna.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.SQLException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two nodes appending to one aggregate: the loser's append fails on the unique key and is retried. */
class LedgerCommandsTest {

    @Test
    @DisplayName("a command that lost the race for a sequence number is sent again and its result returned")
    void retriesAfterConcurrencyException() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.sendAndWait(any())).thenThrow(new ConcurrencyException("lost the race"))
                .thenReturn("second attempt");
        assertThat((String) new LedgerCommands(gateway).send("command")).isEqualTo("second attempt");
        verify(gateway, times(2)).sendAndWait("command");
    }

    @Test
    @DisplayName("retries are bounded: a command that keeps losing fails instead of looping")
    void givesUpAfterThreeAttempts() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.sendAndWait(any())).thenThrow(new ConcurrencyException("lost the race"));
        assertThatThrownBy(() -> new LedgerCommands(gateway).send("command")).isInstanceOf(ConcurrencyException.class);
        verify(gateway, times(3)).sendAndWait("command");
    }

    @Test
    @DisplayName("PostgreSQL's unique violation (SQLSTATE 23505), however wrapped, is a duplicate key; other errors are not")
    void recognisesPostgresUniqueViolation() {
        DuplicateKeyResolver resolver = new DuplicateKeyResolver();
        SQLException unique = new SQLException("duplicate key value violates unique constraint", "23505");
        assertThat(resolver.isDuplicateKeyViolation(new EventStoreException("append failed", unique))).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new EventStoreException("append failed",
                new SQLException("connection refused", "08001")))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
