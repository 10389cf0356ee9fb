package io.kizuna.analytics.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.kizuna.analytics.AnalyticsProperties;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Acquisition across services, from the activity index: of the members who first used a service in the
 * range, which service each of them had used first ({@code (new)} when this service was their first).
 * Exact: it reads activity documents (one per member and service) page by page, no estimates.
 */
@Service
public class ServiceAcquisition {
    /** The service was the member's first: they came to the group through it. */
    public static final String NEW = "(new)";
    private static final int PAGE = 1000;
    private static final int CHUNK = 10_000;
    private final ElasticsearchClient client;
    private final AnalyticsProperties properties;

    public ServiceAcquisition(ElasticsearchClient client, AnalyticsProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Row(String service, String cameFrom, long members) {
    }

    public List<Row> acquisition(AnalyticsFilter filter) throws IOException {
        String index = properties.activityIndex();
        if (!client.indices().exists(e -> e.index(index)).value()) {
            return List.of();
        }
        Query started = Query.of(q -> q.bool(b -> {
            b.filter(f -> f.range(r -> r.date(d -> d.field("first_seen")
                    .gte(filter.startInclusive()).lt(filter.endExclusive()))));
            if (!filter.services().isEmpty()) {
                b.filter(f -> f.terms(t -> t.field("service").terms(v -> v.value(EventSearch.values(filter.services())))));
            }
            return b;
        }));
        Map<String, List<String>> targetsByMember = new HashMap<>();
        for (Map<?, ?> doc : documents(index, started)) {
            targetsByMember.computeIfAbsent((String) doc.get("member"), m -> new ArrayList<>()).add((String) doc.get("service"));
        }
        Map<List<String>, Long> counts = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0))
                .thenComparing(k -> k.get(1)));
        List<String> members = new ArrayList<>(targetsByMember.keySet());
        for (int i = 0; i < members.size(); i += CHUNK) {
            List<String> chunk = members.subList(i, Math.min(members.size(), i + CHUNK));
            Map<String, Map<String, Instant>> firstUse = new HashMap<>();
            for (Map<?, ?> doc : documents(index, Query.of(q -> q.terms(t -> t.field("member")
                    .terms(v -> v.value(EventSearch.values(chunk))))))) {
                firstUse.computeIfAbsent((String) doc.get("member"), m -> new HashMap<>())
                        .put((String) doc.get("service"), Instant.parse((String) doc.get("first_seen")));
            }
            for (String member : chunk) {
                Map<String, Instant> used = firstUse.getOrDefault(member, Map.of());
                String first = used.entrySet().stream()
                        .min(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                        .map(Map.Entry::getKey).orElse(null);
                for (String target : new LinkedHashSet<>(targetsByMember.get(member))) {
                    String from = first == null || first.equals(target) ? NEW : first;
                    counts.merge(List.of(target, from), 1L, Long::sum);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        counts.forEach((key, n) -> rows.add(new Row(key.get(0), key.get(1), n)));
        return rows;
    }

    /** Every activity document matching the query, paged by (member, service) with search_after. */
    @SuppressWarnings("rawtypes")
    private List<Map> documents(String index, Query query) throws IOException {
        List<Map> documents = new ArrayList<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            List<Hit<Map>> hits = client.search(s -> {
                s.index(index).size(PAGE).query(query)
                        .sort(o -> o.field(f -> f.field("member").order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field("service").order(SortOrder.Asc)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, Map.class).hits().hits();
            hits.forEach(h -> documents.add(h.source()));
            if (hits.size() < PAGE) {
                return documents;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }
}
