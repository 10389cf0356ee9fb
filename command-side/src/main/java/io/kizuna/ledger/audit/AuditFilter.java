package io.kizuna.ledger.audit;

import java.time.Instant;
import java.util.List;

/**
 * Which events an auditor asks for: those of a member (their own aggregates, or naming them), of a
 * client, of given aggregates, in a time range ({@code from} inclusive, {@code to} exclusive) and/or of
 * one stable event type. Nulls match everything.
 */
public record AuditFilter(String memberId, String clientId, Instant from, Instant to, String type,
                          List<String> aggregateIds) {

    public AuditFilter(String memberId, String clientId, Instant from, Instant to, String type) {
        this(memberId, clientId, from, to, type, null);
    }
}
