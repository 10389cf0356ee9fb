package io.kizuna.ledger.seal;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of Axon's {@code domainevententry} exactly as stored, bytes included: the chain covers what
 * PostgreSQL holds, not what a deserializer makes of it, so an auditor can recompute it with any tool.
 */
public record StoredEvent(long globalIndex,
                          String eventIdentifier,
                          String aggregateIdentifier,
                          long sequenceNumber,
                          String aggregateType,
                          String payloadType,
                          String payloadRevision,
                          String timestamp,
                          byte[] payload,
                          byte[] metadata) {

    /** The columns {@link #read(ResultSet)} expects, for a table aliased {@code alias}. */
    public static String columns(String alias) {
        return String.join(", ", alias + ".globalindex", alias + ".eventidentifier", alias + ".aggregateidentifier",
                alias + ".sequencenumber", alias + ".type", alias + ".payloadtype", alias + ".payloadrevision",
                alias + ".timestamp", alias + ".payload", alias + ".metadata");
    }

    /** Reads the row's columns by name (prefix-free), or null when the row is absent in an outer join. */
    public static StoredEvent read(ResultSet rs) throws SQLException {
        long index = rs.getLong("globalindex");
        if (rs.wasNull()) {
            return null;
        }
        return new StoredEvent(index, rs.getString("eventidentifier"), rs.getString("aggregateidentifier"),
                rs.getLong("sequencenumber"), rs.getString("type"), rs.getString("payloadtype"),
                rs.getString("payloadrevision"), rs.getString("timestamp"), rs.getBytes("payload"),
                rs.getBytes("metadata"));
    }
}
