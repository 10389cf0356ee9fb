package io.kizuna.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import io.kizuna.analytics.index.AnalyticsRetention;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Retention by rollover and whole-index deletion, on aliases of their own so that the shared
 * {@code kizuna-events} alias other tests read is never rolled over under them.
 */
@KizunaIntegrationTest
class AnalyticsRetentionIT {
    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    AnalyticsRetention retention;

    @Test
    @DisplayName("the daily run rolls the alias over, deletes event indices whose newest event is past retention, keeps recent ones, and deletes inactive activity")
    void requestWhenRetentionRunsThenOldIndicesAndInactiveActivityDeletedRecentKept() throws Exception {
        String run = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        String events = run + "-events";
        String activity = run + "-activity";
        elasticsearch.indices().create(c -> c.index(events + "-000001").aliases(events, a -> a.isWriteIndex(true))
                .mappings(m -> m.properties("occurred_at", p -> p.date(d -> d))));
        elasticsearch.indices().create(c -> c.index(activity + "-000001").aliases(activity, a -> a.isWriteIndex(true))
                .mappings(m -> m.properties("member", p -> p.keyword(k -> k)).properties("service", p -> p.keyword(k -> k))
                        .properties("last_seen", p -> p.date(d -> d))));
        elasticsearch.index(i -> i.index(events).id("old").document(Map.of("occurred_at", "2020-01-01T00:00:00Z"))
                .refresh(Refresh.True));
        elasticsearch.index(i -> i.index(activity).id("p1|s").refresh(Refresh.True)
                .document(Map.of("member", "p1", "service", "s", "last_seen", "2020-01-01T00:00:00Z")));
        elasticsearch.index(i -> i.index(activity).id("p2|s").refresh(Refresh.True)
                .document(Map.of("member", "p2", "service", "s", "last_seen", Instant.now().toString())));

        AnalyticsRetention.Outcome first = retention.apply(events, activity, Instant.now(), Duration.ZERO, 400);

        assertThat(first.rolledOver()).isTrue();
        assertThat(first.deletedIndices()).containsExactly(events + "-000001");
        assertThat(first.deletedActivity()).isEqualTo(1);
        assertThat(elasticsearch.indices().getAlias(a -> a.name(events)).aliases()).containsOnlyKeys(events + "-000002");
        elasticsearch.indices().refresh(r -> r.index(activity));
        assertThat(elasticsearch.exists(e -> e.index(activity).id("p1|s")).value()).isFalse();
        assertThat(elasticsearch.exists(e -> e.index(activity).id("p2|s")).value()).isTrue();

        elasticsearch.index(i -> i.index(events).id("recent").document(Map.of("occurred_at", Instant.now().toString()))
                .refresh(Refresh.True));
        AnalyticsRetention.Outcome second = retention.apply(events, activity, Instant.now(), Duration.ZERO, 400);

        assertThat(second.rolledOver()).isTrue();
        assertThat(second.deletedIndices()).isEmpty();
        assertThat(second.deletedActivity()).isZero();
        assertThat(elasticsearch.indices().getAlias(a -> a.name(events)).aliases())
                .containsOnlyKeys(events + "-000002", events + "-000003");
    }
}
