package io.kizuna.analytics.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.analytics.AnalyticsProperties;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Kafka → Elasticsearch. Each batch is written with one bulk request using the event id as document
 * id, then its activity is merged into the activity index; offsets are committed only after both
 * succeeded, and a retried batch overwrites the same event documents and merges to the same activity,
 * so delivery is at-least-once and the indices stay exact.
 *
 * <p>The consumer group is versioned: a new version starts from the earliest offset the topic still
 * holds, which is how a changed document model is rebuilt (new name, replay) rather than migrated.
 */
@Component
public class LedgerEventIndexer {
    private final ElasticsearchClient client;
    private final ObjectMapper json;
    private final AnalyticsProperties properties;
    private final MemberPseudonyms pseudonyms;
    private volatile boolean indexReady;

    public LedgerEventIndexer(ElasticsearchClient client, ObjectMapper json, AnalyticsProperties properties,
                              MemberPseudonyms pseudonyms) {
        this.client = client;
        this.json = json;
        this.properties = properties;
        this.pseudonyms = pseudonyms;
    }

    @KafkaListener(id = "kizuna-analytics-indexer", topics = "${kizuna.analytics.topic:kizuna.ledger.events}",
            batch = "true", groupId = "kizuna-analytics-v2")
    public void index(List<ConsumerRecord<String, String>> records) throws IOException {
        if (!indexReady) {
            EventDocuments.ensureIndex(client, properties);
            ActivityDocuments.ensureIndex(client, properties);
            indexReady = true;
        }
        List<JsonNode> envelopes = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            envelopes.add(json.readTree(record.value()));
        }
        index(client, pseudonyms, properties.eventsIndex(), properties.activityIndex(), envelopes);
    }

    /** What one {@link #index(ElasticsearchClient, MemberPseudonyms, String, String, List)} call wrote. */
    public record Indexed(int events, int activity) {
    }

    /**
     * Indexes ledger envelopes (as the integration stream carries them) into an events target and merges
     * their activity into an activity target, each an alias or a concrete index: the Kafka listener writes
     * through the aliases, the rebuild from the event store into a new generation. One bulk request, event
     * id as document id (idempotent), then the commutative activity merge.
     */
    public static Indexed index(ElasticsearchClient client, MemberPseudonyms pseudonyms, String eventsTarget,
                                String activityTarget, List<JsonNode> envelopes) throws IOException {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (JsonNode envelope : envelopes) {
            if (envelope == null || !envelope.hasNonNull("eventId")) {
                continue; // not a ledger envelope: nothing to index, and retrying would not change that
            }
            Map<String, Object> doc = EventDocuments.document(envelope, pseudonyms);
            bulk.operations(op -> op.index(i -> i.index(eventsTarget)
                    .id(envelope.get("eventId").asText()).document(doc)));
            documents.add(doc);
        }
        if (documents.isEmpty()) {
            return new Indexed(0, 0);
        }
        BulkResponse response = client.bulk(bulk.build());
        if (response.errors()) {
            String reason = response.items().stream().filter(i -> i.error() != null)
                    .map(i -> i.error().type() + ": " + i.error().reason()).findFirst().orElse("unknown");
            throw new IllegalStateException("Elasticsearch refused part of a bulk request: " + reason);
        }
        Map<String, ActivityDocuments.Span> spans = ActivityDocuments.spans(documents);
        ActivityDocuments.merge(client, activityTarget, spans);
        return new Indexed(documents.size(), spans.size());
    }

}
