package io.kizuna.analytics.query;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import co.elastic.clients.util.NamedValue;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * Weekly cohort retention: members who registered in a week (Monday, UTC) form a cohort; week k of
 * that cohort counts those of them active (on the filtered services, if any) in the k-th week after
 * it, week 0 being the registration week itself. Cohorts come from registrations in the range; their
 * activity is followed beyond the range. Exact: cohort members are listed by composite paging and their
 * activity counted per chunk of members, chunks being disjoint.
 */
@Service
public class CohortRetention {
    static final int MAX_WEEKS = 26;
    private static final int PAGE = 1000;
    private static final int CHUNK = 10_000;
    private final EventSearch search;

    public CohortRetention(EventSearch search) {
        this.search = search;
    }

    /** @param retained members active in week 0..n; {@code rates} = retained ÷ members */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Cohort(LocalDate week, long members, List<Long> retained, List<Double> rates) {
    }

    public static int weeks(String value) {
        if (value == null || value.isBlank()) {
            return 4;
        }
        try {
            int weeks = Integer.parseInt(value);
            if (weeks >= 0 && weeks <= MAX_WEEKS) {
                return weeks;
            }
        } catch (NumberFormatException e) {
            // answered below like any other out-of-range value
        }
        throw new AnalyticsRequestException("weeks must be an integer from 0 to " + MAX_WEEKS);
    }

    public List<Cohort> cohorts(AnalyticsFilter filter, int weeks) throws IOException {
        AnalyticsFilter registrations = new AnalyticsFilter(filter.from(), filter.to(), List.of());
        Map<LocalDate, List<String>> cohorts = new TreeMap<>();
        Map<String, FieldValue> after = null;
        while (true) {
            Map<String, FieldValue> from = after;
            Aggregation pages = Aggregation.of(a -> a.composite(c -> {
                c.size(PAGE).sources(
                        NamedValue.of("week", CompositeAggregationSource.of(s -> s.dateHistogram(d -> d.field("occurred_at")
                                .calendarInterval(i -> i.time("1w"))))),
                        NamedValue.of("member", CompositeAggregationSource.of(s -> s.terms(t -> t.field("member")))));
                if (from != null) {
                    c.after(from);
                }
                return c;
            }));
            Map<String, Aggregate> result = search.aggregate(
                    EventSearch.query(registrations, List.of("member.registered"), false), Map.of("cohorts", pages));
            if (result.isEmpty()) {
                break;
            }
            CompositeAggregate page = result.get("cohorts").composite();
            for (CompositeBucket b : page.buckets().array()) {
                cohorts.computeIfAbsent(ActiveMembers.day(b.key().get("week").longValue()), w -> new ArrayList<>())
                        .add(b.key().get("member").stringValue());
            }
            if (page.buckets().array().size() < PAGE || page.afterKey() == null || page.afterKey().isEmpty()) {
                break;
            }
            after = page.afterKey();
        }
        List<Cohort> answer = new ArrayList<>();
        for (Map.Entry<LocalDate, List<String>> cohort : cohorts.entrySet()) {
            answer.add(follow(cohort.getKey(), cohort.getValue(), weeks, filter));
        }
        return answer;
    }

    private Cohort follow(LocalDate week, List<String> members, int weeks, AnalyticsFilter filter) throws IOException {
        long[] retained = new long[weeks + 1];
        LocalDate monday = week.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        AnalyticsFilter window = filter.between(monday, monday.plusWeeks(weeks + 1L).minusDays(1));
        for (int i = 0; i < members.size(); i += CHUNK) {
            List<String> chunk = members.subList(i, Math.min(members.size(), i + CHUNK));
            Query query = Query.of(q -> q.bool(b -> b.filter(EventSearch.query(window, List.of(), true))
                    .filter(f -> f.terms(t -> t.field("member").terms(v -> v.value(EventSearch.values(chunk)))))));
            Map<String, Aggregate> result = search.aggregate(query, Map.of("weeks", Aggregation.of(a -> a
                    .dateHistogram(h -> h.field("occurred_at").calendarInterval(CalendarInterval.Week).minDocCount(1))
                    .aggregations("members", EventSearch.distinctMembers()))));
            if (result.isEmpty()) {
                continue;
            }
            for (DateHistogramBucket b : result.get("weeks").dateHistogram().buckets().array()) {
                int k = (int) ((ActiveMembers.day(b.key()).toEpochDay() - monday.toEpochDay()) / 7);
                if (k >= 0 && k <= weeks) {
                    retained[k] += (long) b.aggregations().get("members").cardinality().value();
                }
            }
        }
        List<Long> counts = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (long r : retained) {
            counts.add(r);
            rates.add(ActiveMembers.round((double) r / members.size()));
        }
        return new Cohort(monday, members.size(), counts, rates);
    }
}
