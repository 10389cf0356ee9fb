package io.kizuna.analytics.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Revision;

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
    /** Fields that never leave the ledger, even as hashes. */
    public static final Set<String> WITHHELD = Set.of("passwordHash", "secretHash", "codeHash", "tokenHash",
            "previousTokenHash", "codeChallenge", "nonce", "recoveryCodeHashes", "encryptedPrivateKey",
            "authReqIdHash", "deviceCodeHash", "userCodeHash", "presentedTokenHash", "subjectTokenHash");

    /**
     * The envelope of one stored event, the one place that shapes it: the Kafka publisher sends it, and the
     * analytics rebuild (which reads the event store instead of the topic) indexes the very same value.
     *
     * @param payload the event's (upcast) payload; {@code json} is the application's mapper, whose date
     *                format the topic's consumers see
     */
    public static LedgerEnvelope of(Object payload, EventMessage<?> message, ObjectMapper json) {
        ObjectNode node = json.valueToTree(payload);
        WITHHELD.forEach(node::remove);
        LedgerEventType type = payload.getClass().getAnnotation(LedgerEventType.class);
        Revision revision = payload.getClass().getAnnotation(Revision.class);
        String aggregateType = null;
        String aggregateId = message.getIdentifier();
        long sequence = 0;
        if (message instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType();
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        return new LedgerEnvelope(message.getIdentifier(),
                type != null ? type.value() : payload.getClass().getName(),
                revision != null ? revision.value() : null, message.getTimestamp(), aggregateType, aggregateId,
                sequence, node);
    }
}
