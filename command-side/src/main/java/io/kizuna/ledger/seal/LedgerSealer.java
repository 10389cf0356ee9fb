package io.kizuna.ledger.seal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends one link to the hash chain for every stored event, in the order this tracking processor
 * sees them. That order, not {@code globalindex} order, is the chain's order: BIGSERIAL values are
 * taken at insert but become visible at commit, so a slow transaction can commit index 7 after 8 was
 * sealed; Axon's gap-aware token delivers 7 later and it simply gets the next seal sequence.
 *
 * <p>A batch's links are written in the processor's own transaction together with its token, so each
 * event is sealed exactly once, even across crashes and with several nodes (the processor has a single
 * segment: a chain has one writer). The links are computed from the rows as stored, re-read by event
 * identifier, never from the deserialized message.
 */
@Component
@ProcessingGroup(LedgerSealer.PROCESSING_GROUP)
public class LedgerSealer {
    public static final String PROCESSING_GROUP = "ledger-seal";
    private static final String PENDING = LedgerSealer.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final LedgerLink link = new LedgerLink();

    public LedgerSealer(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Identified by event id, not by the tracking token's position: for an event that fills a gap the
     * token's position is the highest index seen so far, not the event's own index.
     */
    @EventHandler
    void on(EventMessage<?> message) {
        if (!CurrentUnitOfWork.isStarted()) {
            seal(List.of(message.getIdentifier()));
            return;
        }
        UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
        List<String> pending = uow.getOrComputeResource(PENDING, key -> {
            List<String> list = new ArrayList<>();
            uow.onPrepareCommit(u -> seal(list));
            return list;
        });
        pending.add(message.getIdentifier());
    }

    /**
     * Seals the events with {@code eventIdentifiers}, in that order, after the current head of the chain.
     * Public for the verification benchmark, which seals a synthetic ledger with exactly this code.
     */
    public synchronized void seal(List<String> eventIdentifiers) {
        if (eventIdentifiers.isEmpty()) {
            return;
        }
        String[] ids = eventIdentifiers.toArray(String[]::new);
        Map<String, StoredEvent> rows = new HashMap<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT " + StoredEvent.columns("d")
                    + " FROM domainevententry d WHERE d.eventidentifier = ANY(?)");
            ps.setArray(1, con.createArrayOf("varchar", ids));
            return ps;
        }, rs -> {
            StoredEvent e = StoredEvent.read(rs);
            rows.put(e.eventIdentifier(), e);
        });
        Long[] indexes = rows.values().stream().map(StoredEvent::globalIndex).toArray(Long[]::new);
        Set<Long> alreadySealed = new HashSet<>(jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT global_index FROM ledger_seal WHERE global_index = ANY(?)");
            ps.setArray(1, con.createArrayOf("bigint", indexes));
            return ps;
        }, (rs, i) -> rs.getLong(1)));
        Head head = jdbc.query("SELECT seal_sequence, link_hash FROM ledger_seal ORDER BY seal_sequence DESC LIMIT 1",
                rs -> rs.next() ? new Head(rs.getLong(1), rs.getBytes(2)) : new Head(0, null));
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> inserts = new ArrayList<>();
        long sequence = head.sequence();
        byte[] previous = head.link();
        for (String id : eventIdentifiers) {
            StoredEvent event = rows.get(id);
            if (event == null) {
                throw new IllegalStateException("event " + id
                        + " was delivered but is not in domainevententry; the batch will be retried");
            }
            if (!alreadySealed.add(event.globalIndex())) {
                continue; // a reset token re-delivers history: the chain already covers it
            }
            previous = link.next(previous, event);
            inserts.add(new Object[] {++sequence, event.globalIndex(), event.eventIdentifier(), previous, now});
        }
        jdbc.batchUpdate("INSERT INTO ledger_seal (seal_sequence, global_index, event_identifier, link_hash, sealed_at)"
                + " VALUES (?, ?, ?, ?, ?)", inserts);
    }

    private record Head(long sequence, byte[] link) {
    }
}
