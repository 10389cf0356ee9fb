package io.kizuna.ledger.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.ledger.seal.VerificationReport.Break;
import io.kizuna.ledger.seal.VerificationReport.Code;
import io.kizuna.ledger.seal.VerificationReport.Link;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Walks the whole chain in seal order and recomputes every link from the {@code domainevententry} rows,
 * trusting nothing the sealer stored except as the value to compare with. Runs in one read-only
 * REPEATABLE READ transaction, so the seals, the sealer's token and the events are one consistent
 * snapshot while the server keeps appending and sealing. Plain JDBC on purpose: the same class runs
 * inside the server, in the benchmark, and could run in an auditor's own program.
 */
public class LedgerVerifier {
    private static final int FETCH = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Clock clock;

    public LedgerVerifier(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public LedgerVerifier(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A link an earlier, signed checkpoint vouched for; the walk must meet it unchanged. */
    public record Expected(long sealSequence, String linkHash) {
    }

    public VerificationReport verify() {
        return verify(null);
    }

    public VerificationReport verify(Expected expected) {
        long started = System.nanoTime();
        try (Connection con = dataSource.getConnection()) {
            boolean autoCommit = con.getAutoCommit();
            int isolation = con.getTransactionIsolation();
            con.setAutoCommit(false);
            con.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            con.setReadOnly(true);
            try {
                Walk walk = walk(con, expected);
                SealerPosition position = sealerPosition(con);
                Break firstBreak = walk.firstBreak;
                long pending = 0;
                if (position != null) {
                    if (firstBreak == null) {
                        firstBreak = firstUnsealed(con, position);
                    }
                    pending = pending(con, position);
                }
                con.commit();
                return new VerificationReport(firstBreak == null, walk.verified, firstBreak, walk.last,
                        position == null ? null : position.index, pending, Instant.now(clock),
                        (System.nanoTime() - started) / 1_000_000);
            } finally {
                con.rollback();
                con.setReadOnly(false);
                con.setTransactionIsolation(isolation);
                con.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new LedgerUnavailableException("the ledger could not be read for verification", e);
        }
    }

    private static Walk walk(Connection con, Expected expected) throws SQLException {
        Walk walk = new Walk();
        LedgerLink link = new LedgerLink();
        try (PreparedStatement ps = con.prepareStatement("SELECT s.seal_sequence, s.global_index AS sealed_index, "
                + "s.event_identifier AS sealed_identifier, s.link_hash, " + StoredEvent.columns("d")
                + " FROM ledger_seal s LEFT JOIN domainevententry d ON d.globalindex = s.global_index"
                + " ORDER BY s.seal_sequence")) {
            ps.setFetchSize(FETCH);
            try (ResultSet rs = ps.executeQuery()) {
                byte[] previous = null;
                long expectedSequence = 1;
                while (rs.next()) {
                    long sequence = rs.getLong("seal_sequence");
                    long sealedIndex = rs.getLong("sealed_index");
                    String sealedIdentifier = rs.getString("sealed_identifier");
                    if (sequence != expectedSequence) {
                        walk.firstBreak = new Break(Code.seal_missing, expectedSequence, null, null,
                                "seal " + expectedSequence + " is missing (the next one is " + sequence
                                        + "): a seal and probably its event were deleted");
                        return walk;
                    }
                    StoredEvent event = StoredEvent.read(rs);
                    if (event == null) {
                        walk.firstBreak = new Break(Code.event_missing, sequence, sealedIndex, sealedIdentifier,
                                "the event sealed at global index " + sealedIndex + " is no longer stored");
                        return walk;
                    }
                    byte[] recomputed = link.next(previous, event);
                    if (!Arrays.equals(recomputed, rs.getBytes("link_hash"))
                            || !event.eventIdentifier().equals(sealedIdentifier)) {
                        walk.firstBreak = new Break(Code.link_mismatch, sequence, sealedIndex,
                                event.eventIdentifier(), "the stored event differs from what was sealed: a field, "
                                + "its payload or metadata was changed, or events were swapped or reordered");
                        return walk;
                    }
                    if (expected != null && expected.sealSequence() == sequence
                            && !LedgerLink.hex(recomputed).equalsIgnoreCase(expected.linkHash())) {
                        walk.firstBreak = new Break(Code.checkpoint_mismatch, sequence, sealedIndex,
                                event.eventIdentifier(), "the chain was rewritten: this link differs from the "
                                + "one the checkpoint vouched for");
                        return walk;
                    }
                    previous = recomputed;
                    walk.verified++;
                    walk.last = new Link(sequence, sealedIndex, event.eventIdentifier(), LedgerLink.hex(recomputed));
                    expectedSequence++;
                }
            }
        }
        if (expected != null && (walk.last == null || walk.last.sealSequence() < expected.sealSequence())) {
            walk.firstBreak = new Break(Code.checkpoint_mismatch, expected.sealSequence(), null, null,
                    "the chain ends at seal " + (walk.last == null ? 0 : walk.last.sealSequence())
                            + " but a checkpoint vouched for seal " + expected.sealSequence() + ": it was truncated");
        }
        return walk;
    }

    /**
     * The sealer's gap-aware token, read from {@code tokenentry} without claiming it: everything at or
     * below {@code index} and not in {@code gaps} has been delivered to the sealer, hence must be sealed.
     */
    private static SealerPosition sealerPosition(Connection con) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(
                "SELECT token FROM tokenentry WHERE processorname = ? AND token IS NOT NULL")) {
            ps.setString(1, LedgerSealer.PROCESSING_GROUP);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                JsonNode token = JSON.readTree(rs.getBytes(1));
                if (!token.hasNonNull("index")) {
                    return null;
                }
                List<Long> gaps = new ArrayList<>();
                token.path("gaps").forEach(g -> gaps.add(g.asLong()));
                return new SealerPosition(token.get("index").asLong(), gaps.toArray(Long[]::new));
            } catch (IOException e) {
                return null;
            }
        }
    }

    private static Break firstUnsealed(Connection con, SealerPosition position) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("SELECT d.globalindex, d.eventidentifier FROM domainevententry d"
                + " WHERE d.globalindex <= ? AND d.globalindex <> ALL(?)"
                + " AND NOT EXISTS (SELECT 1 FROM ledger_seal s WHERE s.global_index = d.globalindex)"
                + " ORDER BY d.globalindex LIMIT 1")) {
            ps.setLong(1, position.index);
            ps.setArray(2, con.createArrayOf("bigint", position.gaps));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Break(Code.event_unsealed, null, rs.getLong(1), rs.getString(2),
                        "this event is older than the sealer's position but was never sealed: it was inserted "
                                + "directly into the event store") : null;
            }
        }
    }

    private static long pending(Connection con, SealerPosition position) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("SELECT count(*) FROM domainevententry d"
                + " WHERE (d.globalindex > ? OR d.globalindex = ANY(?))"
                + " AND NOT EXISTS (SELECT 1 FROM ledger_seal s WHERE s.global_index = d.globalindex)")) {
            ps.setLong(1, position.index);
            ps.setArray(2, con.createArrayOf("bigint", position.gaps));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static final class Walk {
        long verified;
        Break firstBreak;
        Link last;
    }

    private record SealerPosition(long index, Long[] gaps) {
    }
}
