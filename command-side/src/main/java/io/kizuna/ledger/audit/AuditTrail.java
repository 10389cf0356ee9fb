package io.kizuna.ledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.api.LedgerEventType;
import io.kizuna.ledger.seal.LedgerLink;
import io.kizuna.ledger.seal.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads the ledger for auditors straight from the event store (not from a read model that could
 * disagree with it), joined with the seal of each event so every answer can be checked against the
 * hash chain.
 */
@Service
public class AuditTrail {
    static final int MAX_PAGE = 1000;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Map<String, String> typeNames = new ConcurrentHashMap<>();
    private volatile Map<String, List<String>> payloadTypes;

    public AuditTrail(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One page in ledger order, after global index {@code after} (exclusive). */
    public List<AuditRecord> page(AuditFilter filter, long after, int limit) {
        List<AuditRecord> records = new ArrayList<>();
        stream(filter, after, Math.min(Math.max(limit, 1), MAX_PAGE), records::add);
        return records;
    }

    /** Every matching event in ledger order, handed to {@code sink} one by one (exports). */
    public void stream(AuditFilter filter, long after, long limit, Consumer<AuditRecord> sink) {
        StringBuilder sql = new StringBuilder("SELECT " + StoredEvent.columns("d")
                + ", s.seal_sequence, s.link_hash, p.link_hash AS previous_link_hash"
                + " FROM domainevententry d LEFT JOIN ledger_seal s ON s.global_index = d.globalindex"
                + " LEFT JOIN ledger_seal p ON p.seal_sequence = s.seal_sequence - 1 WHERE d.globalindex > ?");
        List<Object> args = new ArrayList<>(List.of(after));
        if (filter.memberId() != null) {
            sql.append(" AND (d.aggregateidentifier = ? OR d.aggregateidentifier LIKE ? ESCAPE '\\'"
                    + " OR convert_from(d.payload, 'UTF8')::jsonb ->> 'memberId' = ?)");
            args.add(filter.memberId());
            args.add(escapeLike(filter.memberId()) + "/%");
            args.add(filter.memberId());
        }
        if (filter.clientId() != null) {
            sql.append(" AND (d.aggregateidentifier = ? OR convert_from(d.payload, 'UTF8')::jsonb ->> 'clientId' = ?)");
            args.add(filter.clientId());
            args.add(filter.clientId());
        }
        if (filter.aggregateIds() != null) {
            sql.append(" AND d.aggregateidentifier = ANY(?)");
            args.add(filter.aggregateIds().toArray(String[]::new));
        }
        if (filter.from() != null) {
            sql.append(" AND d.timestamp::timestamptz >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND d.timestamp::timestamptz < ?");
            args.add(Timestamp.from(filter.to()));
        }
        if (filter.type() != null) {
            // in SQL, so that LIMIT counts matching events (the stored payload type is the class name)
            sql.append(" AND d.payloadtype = ANY(?)");
            args.add(payloadTypesOf(filter.type()).toArray(String[]::new));
        }
        sql.append(" ORDER BY d.globalindex LIMIT ?");
        args.add(limit);
        jdbc.query(con -> {
            var ps = con.prepareStatement(sql.toString());
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) instanceof String[] array) {
                    ps.setArray(i + 1, con.createArrayOf("varchar", array));
                } else {
                    ps.setObject(i + 1, args.get(i));
                }
            }
            ps.setFetchSize(500);
            return ps;
        }, rs -> {
            AuditRecord record = map(rs);
            if (filter.type() == null || filter.type().equals(record.type())) {
                sink.accept(record);
            }
        });
    }

    private AuditRecord map(ResultSet rs) throws SQLException {
        StoredEvent event = StoredEvent.read(rs);
        long sealSequence = rs.getLong("seal_sequence");
        AuditRecord.Seal seal = rs.wasNull() ? null : new AuditRecord.Seal(sealSequence,
                LedgerLink.hex(rs.getBytes("link_hash")), LedgerLink.hex(rs.getBytes("previous_link_hash")),
                sha256(event.payload()), event.metadata() == null ? null : sha256(event.metadata()));
        JsonNode payload;
        try {
            payload = json.readTree(event.payload());
        } catch (IOException e) {
            throw new UncheckedIOException("a stored payload is not JSON: global index " + event.globalIndex(), e);
        }
        return new AuditRecord(event.eventIdentifier(), event.globalIndex(), typeName(event.payloadType()),
                event.payloadRevision(), event.timestamp(), event.aggregateType(), event.aggregateIdentifier(),
                event.sequenceNumber(), event.payloadType(), payload, seal);
    }

    /**
     * The stored payload types (class names) of a stable event name: every class of the api module annotated
     * with it; a name without such a class is taken as a class name itself.
     */
    List<String> payloadTypesOf(String type) {
        Map<String, List<String>> index = payloadTypes;
        if (index == null) {
            var scanner = new org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider(false);
            scanner.addIncludeFilter(new org.springframework.core.type.filter.AnnotationTypeFilter(LedgerEventType.class));
            Map<String, List<String>> built = new java.util.HashMap<>();
            for (var candidate : scanner.findCandidateComponents("io.kizuna")) {
                String className = candidate.getBeanClassName();
                built.computeIfAbsent(typeName(className), k -> new ArrayList<>()).add(className);
            }
            payloadTypes = index = Map.copyOf(built);
        }
        return index.getOrDefault(type, List.of(type));
    }

    /** The stable public name of a stored payload type, or the class name for types without one. */
    String typeName(String payloadType) {
        return typeNames.computeIfAbsent(payloadType, t -> {
            try {
                LedgerEventType type = Class.forName(t).getAnnotation(LedgerEventType.class);
                return type == null ? t : type.value();
            } catch (ClassNotFoundException e) {
                return t;
            }
        });
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
