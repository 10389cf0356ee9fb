package io.kizuna.analytics.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.get_alias.IndexAliases;
import io.kizuna.analytics.AnalyticsProperties;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retention without Index Lifecycle Management (an x-pack module the embedded node does not have, and
 * that production need not license): once a day the event alias is rolled over when its write index is
 * older than {@code kizuna.analytics.rollover-after}, whole event indices whose newest event is older
 * than {@code kizuna.analytics.retention-days} are deleted, and activity documents whose last activity
 * is that old are deleted by id. Deleting whole indices is why events are time-partitioned by rollover:
 * {@code _delete_by_query} is not available either, and would be slow where it is.
 *
 * <p>Safe on several nodes at once: the rollover condition is checked by Elasticsearch itself against
 * the write index's age, so a second node finds a young index and does nothing; deleting an already
 * deleted index or document is not an error.
 */
@Component
public class AnalyticsRetention {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsRetention.class);
    private static final int PAGE = 1000;
    private final ElasticsearchClient client;
    private final AnalyticsProperties properties;

    public AnalyticsRetention(ElasticsearchClient client, AnalyticsProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** What one run did, for the log and for tests. */
    public record Outcome(boolean rolledOver, List<String> deletedIndices, long deletedActivity) {
    }

    @Scheduled(cron = "${kizuna.analytics.retention-cron:0 17 3 * * *}", zone = "UTC")
    void daily() {
        try {
            Outcome outcome = apply(properties.eventsIndex(), properties.activityIndex(), Instant.now(),
                    properties.rolloverAfter(), properties.retentionDays());
            LOG.info("analytics retention: {}", outcome);
        } catch (IOException | RuntimeException e) {
            LOG.warn("analytics retention failed; it runs again tomorrow", e);
        }
    }

    /** @param retentionDays 0 or less keeps everything */
    public Outcome apply(String eventsAlias, String activityAlias, Instant now, Duration rolloverAfter,
                         int retentionDays) throws IOException {
        if (!client.indices().existsAlias(a -> a.name(eventsAlias)).value()) {
            return new Outcome(false, List.of(), 0);
        }
        boolean rolled = client.indices().rollover(r -> r.alias(eventsAlias)
                .conditions(c -> c.maxAge(t -> t.time(rolloverAfter.toSeconds() + "s")))).rolledOver();
        if (retentionDays <= 0) {
            return new Outcome(rolled, List.of(), 0);
        }
        Instant cutoff = now.minus(Duration.ofDays(retentionDays));
        List<String> deleted = new ArrayList<>();
        for (Map.Entry<String, IndexAliases> index : client.indices().getAlias(a -> a.name(eventsAlias)).aliases()
                .entrySet()) {
            Boolean write = index.getValue().aliases().get(eventsAlias).isWriteIndex();
            if (Boolean.TRUE.equals(write)) {
                continue;
            }
            Aggregate newest = client.search(s -> s.index(index.getKey()).size(0)
                    .aggregations("newest", a -> a.max(m -> m.field("occurred_at"))), Void.class)
                    .aggregations().get("newest");
            Double newestMillis = newest.max().value();
            boolean empty = newestMillis == null || newestMillis.isInfinite() || newestMillis.isNaN();
            if (empty || Instant.ofEpochMilli(newestMillis.longValue()).isBefore(cutoff)) {
                deleteIndex(index.getKey());
                deleted.add(index.getKey());
            }
        }
        long activity = client.indices().existsAlias(a -> a.name(activityAlias)).value()
                ? deleteInactive(activityAlias, cutoff) : 0;
        return new Outcome(rolled, deleted, activity);
    }

    private void deleteIndex(String index) throws IOException {
        try {
            client.indices().delete(d -> d.index(index));
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** Pages by (member, service) with search_after and deletes by id: no _delete_by_query needed. */
    @SuppressWarnings("rawtypes")
    private long deleteInactive(String alias, Instant cutoff) throws IOException {
        long deleted = 0;
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            List<Hit<Map>> hits = client.search(s -> {
                s.index(alias).size(PAGE).source(src -> src.fetch(false))
                        .query(q -> q.range(r -> r.date(d -> d.field("last_seen").lt(cutoff.toString()))))
                        .sort(o -> o.field(f -> f.field("member").order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field("service").order(SortOrder.Asc)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, Map.class).hits().hits();
            if (hits.isEmpty()) {
                return deleted;
            }
            BulkRequest.Builder bulk = new BulkRequest.Builder();
            hits.forEach(h -> bulk.operations(op -> op.delete(d -> d.index(h.index()).id(h.id()))));
            client.bulk(bulk.build());
            deleted += hits.size();
            if (hits.size() < PAGE) {
                return deleted;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }
}
