package io.kizuna.analytics.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.kizuna.analytics.AnalyticsProperties;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The derived activity index: one document per (member pseudonym, service), id = {@code pseudonym|service},
 * holding when the member was first and last active there; a member's documents are the services they
 * used. Maintained without scripts by read–merge–conditional-write: the merge (earliest first, latest
 * last) is commutative and idempotent, so re-delivered and out-of-order events converge to the same
 * document, and the write carries the read's sequence number, so two indexers (several nodes, several
 * partitions: logins and consents of one member live on different partitions) never overwrite each
 * other's merge — the loser re-reads and merges again.
 */
public final class ActivityDocuments {
    private static final int MAX_ATTEMPTS = 10;

    private ActivityDocuments() {
    }

    public static void ensureIndex(ElasticsearchClient client, AnalyticsProperties properties) throws IOException {
        AliasedIndex.ensure(client, properties.activityIndex(), mapping(), properties.indexReplicas());
    }

    static TypeMapping mapping() {
        Property keyword = Property.of(p -> p.keyword(k -> k));
        Property date = Property.of(p -> p.date(d -> d));
        return TypeMapping.of(m -> m.dynamic(DynamicMapping.False).properties(Map.of(
                "member", keyword, "service", keyword, "first_seen", date, "last_seen", date)));
    }

    /** One member's activity on one service as seen in a batch (or stored). */
    public record Span(String member, String service, Instant firstSeen, Instant lastSeen) {
        String id() {
            return member + "|" + service;
        }

        Span merge(Span other) {
            return new Span(member, service, firstSeen.isBefore(other.firstSeen) ? firstSeen : other.firstSeen,
                    lastSeen.isAfter(other.lastSeen) ? lastSeen : other.lastSeen);
        }

        Map<String, Object> document() {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("member", member);
            doc.put("service", service);
            doc.put("first_seen", firstSeen.toString());
            doc.put("last_seen", lastSeen.toString());
            return doc;
        }
    }

    /** Folds the active event documents of a batch into spans, one per (member, service). */
    public static Map<String, Span> spans(List<Map<String, Object>> eventDocuments) {
        Map<String, Span> spans = new LinkedHashMap<>();
        for (Map<String, Object> doc : eventDocuments) {
            if (!Boolean.TRUE.equals(doc.get("active"))) {
                continue;
            }
            Instant at = Instant.parse((String) doc.get("occurred_at"));
            Span span = new Span((String) doc.get("member"), (String) doc.get("service"), at, at);
            spans.merge(span.id(), span, Span::merge);
        }
        return spans;
    }

    /** Merges the spans into the index, retrying the documents another writer changed in between. */
    @SuppressWarnings("rawtypes")
    public static void merge(ElasticsearchClient client, String alias, Map<String, Span> spans) throws IOException {
        Map<String, Span> pending = new HashMap<>(spans);
        for (int attempt = 0; attempt < MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<String> ids = new ArrayList<>(pending.keySet());
            MgetResponse<Map> stored = client.mget(m -> m.index(alias).ids(ids), Map.class);
            BulkRequest.Builder bulk = new BulkRequest.Builder();
            List<String> written = new ArrayList<>();
            for (MultiGetResponseItem<Map> item : stored.docs()) {
                if (item.isFailure()) {
                    throw new IllegalStateException("reading activity failed: " + item.failure().error().reason());
                }
                GetResult<Map> current = item.result();
                Span incoming = pending.get(current.id());
                if (current.found() && current.source() != null) {
                    Span existing = new Span(incoming.member(), incoming.service(),
                            Instant.parse((String) current.source().get("first_seen")),
                            Instant.parse((String) current.source().get("last_seen")));
                    Span merged = existing.merge(incoming);
                    if (merged.equals(existing)) {
                        pending.remove(current.id());
                        continue;
                    }
                    bulk.operations(op -> op.index(i -> i.index(current.index()).id(current.id())
                            .ifSeqNo(current.seqNo()).ifPrimaryTerm(current.primaryTerm()).document(merged.document())));
                } else {
                    bulk.operations(op -> op.create(c -> c.index(alias).id(incoming.id()).document(incoming.document())));
                }
                written.add(current.id());
            }
            if (written.isEmpty()) {
                return;
            }
            BulkResponse response = client.bulk(bulk.build());
            for (BulkResponseItem item : response.items()) {
                if (item.error() == null) {
                    pending.remove(item.id());
                } else if (item.status() != 409) {
                    throw new IllegalStateException("Elasticsearch refused an activity update: "
                            + item.error().type() + ": " + item.error().reason());
                }
            }
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("activity documents kept changing under concurrent writers: " + pending.keySet());
        }
    }
}
