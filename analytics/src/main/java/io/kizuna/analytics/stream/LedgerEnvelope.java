package io.kizuna.analytics.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The integration stream's message value: one ledger event, keyed in Kafka by {@code aggregateId} so
 * that one aggregate's events stay in order. Consumers deduplicate by {@code eventId} (at-least-once).
 *
 * @param type     the stable public event name ({@code member.login.succeeded})
 * @param revision payload revision; payloads only grow additively within a revision
 * @param payload  the event's fields minus anything secret (hashes, challenges, nonces)
 */
public record LedgerEnvelope(String eventId,
                             String type,
                             String revision,
                             Instant occurredAt,
                             String aggregateType,
                             String aggregateId,
                             long sequence,
                             JsonNode payload) {
}
