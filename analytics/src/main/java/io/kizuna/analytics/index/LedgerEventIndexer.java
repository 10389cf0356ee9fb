package io.kizuna.analytics.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.analytics.AnalyticsProperties;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Kafka → Elasticsearch. Each batch is written with one bulk request using the event id as document
 * id; offsets are committed only after the bulk succeeded, and a retried batch overwrites the same
 * documents, so delivery is at-least-once and the index stays exact.
 */
@Component
public class LedgerEventIndexer {
    private final ElasticsearchClient client;
    private final ObjectMapper json;
    private final AnalyticsProperties properties;
    private volatile boolean indexReady;

    public LedgerEventIndexer(ElasticsearchClient client, ObjectMapper json, AnalyticsProperties properties) {
        this.client = client;
        this.json = json;
        this.properties = properties;
    }

    @KafkaListener(id = "kizuna-analytics-indexer", topics = "${kizuna.analytics.topic:kizuna.ledger.events}",
            batch = "true", groupId = "kizuna-analytics")
    public void index(List<ConsumerRecord<String, String>> records) throws IOException {
        if (!indexReady) {
            EventDocuments.ensureIndex(client, properties);
            indexReady = true;
        }
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        int operations = 0;
        for (ConsumerRecord<String, String> record : records) {
            JsonNode envelope = json.readTree(record.value());
            if (envelope == null || !envelope.hasNonNull("eventId")) {
                continue; // not a ledger envelope: nothing to index, and retrying would not change that
            }
            Map<String, Object> doc = document(envelope);
            bulk.operations(op -> op.index(i -> i.index(properties.eventsIndex())
                    .id(envelope.get("eventId").asText()).document(doc)));
            operations++;
        }
        if (operations == 0) {
            return;
        }
        BulkResponse response = client.bulk(bulk.build());
        if (response.errors()) {
            String reason = response.items().stream().filter(i -> i.error() != null)
                    .map(i -> i.error().type() + ": " + i.error().reason()).findFirst().orElse("unknown");
            throw new IllegalStateException("Elasticsearch refused part of a bulk request: " + reason);
        }
    }

    static Map<String, Object> document(JsonNode envelope) {
        JsonNode payload = envelope.path("payload");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event_id", envelope.path("eventId").asText());
        doc.put("type", envelope.path("type").asText());
        doc.put("revision", envelope.path("revision").asText(null));
        doc.put("occurred_at", envelope.path("occurredAt").asText());
        doc.put("aggregate_type", envelope.path("aggregateType").asText(null));
        doc.put("aggregate_id", envelope.path("aggregateId").asText());
        doc.put("client_id", text(payload, "clientId"));
        doc.put("member_id", text(payload, "memberId"));
        doc.put("payload", scalars(payload));
        return doc;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Top-level scalar and array-of-scalar fields only: sealed personal data objects stay out of the index. */
    private static Map<String, Object> scalars(JsonNode payload) {
        Map<String, Object> flat = new LinkedHashMap<>();
        payload.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                flat.put(e.getKey(), v.asText());
            } else if (v.isArray()) {
                flat.put(e.getKey(), java.util.stream.StreamSupport.stream(v.spliterator(), false)
                        .filter(JsonNode::isValueNode).map(JsonNode::asText).toList());
            }
        });
        return flat;
    }
}
