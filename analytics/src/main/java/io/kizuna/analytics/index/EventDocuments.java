package io.kizuna.analytics.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import io.kizuna.analytics.AnalyticsProperties;
import java.io.IOException;
import java.util.Map;

/**
 * The {@code kizuna-events} index: one document per ledger event, id = event id, so re-delivered
 * Kafka records overwrite themselves (idempotent). Only keyword, date and flattened fields, which the
 * embedded test node and production both support.
 */
public final class EventDocuments {
    private EventDocuments() {
    }

    public static void ensureIndex(ElasticsearchClient client, AnalyticsProperties properties) throws IOException {
        String index = properties.eventsIndex();
        if (client.indices().exists(e -> e.index(index)).value()) {
            return;
        }
        TypeMapping mapping = TypeMapping.of(m -> m.dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.False)
                .properties(Map.of(
                        "event_id", Property.of(p -> p.keyword(k -> k)),
                        "type", Property.of(p -> p.keyword(k -> k)),
                        "revision", Property.of(p -> p.keyword(k -> k)),
                        "occurred_at", Property.of(p -> p.date(d -> d)),
                        "aggregate_type", Property.of(p -> p.keyword(k -> k)),
                        "aggregate_id", Property.of(p -> p.keyword(k -> k)),
                        "client_id", Property.of(p -> p.keyword(k -> k)),
                        "member_id", Property.of(p -> p.keyword(k -> k)),
                        "payload", Property.of(p -> p.flattened(f -> f)))));
        try {
            client.indices().create(c -> c.index(index).mappings(mapping)
                    .settings(s -> s.numberOfShards("1").numberOfReplicas("0")));
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }
}
