package io.kizuna.analytics.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.kizuna.analytics.AnalyticsProperties;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Aggregation-only searches over the ledger-event alias, with the filters every question shares. Before
 * the first event is indexed the alias does not exist: every question then has the empty answer.
 */
@Component
public class EventSearch {
    /**
     * Elasticsearch's maximum, for the smallest error it offers. Still an estimate: measured one too many
     * at 8k–19k distinct members (docs/benchmarks/2026-11-26-analytics-queries.md); answers that must be
     * exact (overlap, cohort membership) page with composite aggregations instead.
     */
    static final int PRECISION_THRESHOLD = 40_000;

    private final ElasticsearchClient client;
    private final AnalyticsProperties properties;

    public EventSearch(ElasticsearchClient client, AnalyticsProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** Events of the given types in the filter's days and services. */
    static Query query(AnalyticsFilter filter, List<String> types, boolean activeOnly) {
        BoolQuery.Builder b = new BoolQuery.Builder();
        b.filter(f -> f.range(r -> r.date(d -> d.field("occurred_at")
                .gte(filter.startInclusive()).lt(filter.endExclusive()))));
        if (!types.isEmpty()) {
            b.filter(f -> f.terms(t -> t.field("type").terms(v -> v.value(values(types)))));
        }
        if (activeOnly) {
            b.filter(f -> f.term(t -> t.field("active").value(true)));
        }
        if (!filter.services().isEmpty()) {
            b.filter(f -> f.terms(t -> t.field("service").terms(v -> v.value(values(filter.services())))));
        }
        if (!filter.regions().isEmpty()) {
            b.filter(f -> f.terms(t -> t.field("region").terms(v -> v.value(values(filter.regions())))));
        }
        if (!filter.methods().isEmpty()) {
            b.filter(f -> f.terms(t -> t.field("amr").terms(v -> v.value(values(filter.methods())))));
        }
        return Query.of(q -> q.bool(b.build()));
    }

    static List<FieldValue> values(List<String> values) {
        return values.stream().map(FieldValue::of).toList();
    }

    static Aggregation distinctMembers() {
        return Aggregation.of(a -> a.cardinality(c -> c.field("member").precisionThreshold(PRECISION_THRESHOLD)));
    }

    /** Runs one size-0 search; an empty map when nothing has been indexed yet. */
    Map<String, Aggregate> aggregate(Query query, Map<String, Aggregation> aggregations) throws IOException {
        return aggregate(properties.eventsIndex(), query, aggregations);
    }

    Map<String, Aggregate> aggregate(String index, Query query, Map<String, Aggregation> aggregations)
            throws IOException {
        if (!client.indices().exists(e -> e.index(index)).value()) {
            return Map.of();
        }
        return client.search(s -> s.index(index).size(0).trackTotalHits(t -> t.enabled(false)).query(query)
                .aggregations(aggregations), Void.class).aggregations();
    }
}
