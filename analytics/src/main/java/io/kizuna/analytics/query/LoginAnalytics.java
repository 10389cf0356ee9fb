package io.kizuna.analytics.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.kizuna.analytics.AnalyticsProperties;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** "Logins per client per day": successful sign-ins grouped by client and UTC day. */
@Service
public class LoginAnalytics {
    private final ElasticsearchClient client;
    private final AnalyticsProperties properties;

    public LoginAnalytics(ElasticsearchClient client, AnalyticsProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    public List<DailyLogins> loginsPerClientPerDay(LocalDate from, LocalDate to) throws IOException {
        Instant start = from.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        if (!client.indices().exists(e -> e.index(properties.eventsIndex())).value()) {
            return List.of();
        }
        SearchResponse<Void> response = client.search(s -> s.index(properties.eventsIndex()).size(0)
                .query(q -> q.bool(b -> b
                        .filter(f -> f.term(t -> t.field("type").value("member.login.succeeded")))
                        .filter(f -> f.range(r -> r.date(d -> d.field("occurred_at")
                                .gte(start.toString()).lt(end.toString()))))))
                .aggregations("clients", a -> a.terms(t -> t.field("client_id").size(1000).missing("(account)"))
                        .aggregations("days", d -> d.dateHistogram(h -> h.field("occurred_at")
                                .calendarInterval(CalendarInterval.Day).minDocCount(1)))), Void.class);
        List<DailyLogins> result = new ArrayList<>();
        for (StringTermsBucket clientBucket : response.aggregations().get("clients").sterms().buckets().array()) {
            for (DateHistogramBucket day : clientBucket.aggregations().get("days").dateHistogram().buckets().array()) {
                result.add(new DailyLogins(Instant.ofEpochMilli(day.key()).atZone(ZoneOffset.UTC).toLocalDate(),
                        clientBucket.key().stringValue(), day.docCount()));
            }
        }
        result.sort(java.util.Comparator.comparing(DailyLogins::day).thenComparing(DailyLogins::clientId));
        return result;
    }

    public record DailyLogins(LocalDate day, String clientId, long logins) {
    }
}
