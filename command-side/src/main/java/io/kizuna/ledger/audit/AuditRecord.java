package io.kizuna.ledger.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One ledger event as auditors read it: its stable type, when and on which aggregate it happened, its
 * payload as stored (personal data stays sealed), and the seal that lets anyone recompute its link:
 * {@code linkHash = SHA-256(previousLinkHash || canonical bytes)} with the canonical bytes built from
 * the stored columns listed here (see docs/auditing.md). {@code seal} is null until the sealer reached it.
 */
public record AuditRecord(String eventId,
                          long globalIndex,
                          String type,
                          String revision,
                          String occurredAt,
                          String aggregateType,
                          String aggregateId,
                          long sequence,
                          String payloadType,
                          JsonNode payload,
                          Seal seal) {

    /**
     * @param payloadSha256  hex SHA-256 of the stored payload bytes
     * @param metadataSha256 hex SHA-256 of the stored metadata bytes (null when none)
     */
    public record Seal(long sequence, String linkHash, String previousLinkHash, String payloadSha256,
                       String metadataSha256) {
    }
}
