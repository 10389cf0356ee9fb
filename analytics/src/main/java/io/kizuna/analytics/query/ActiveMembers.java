package io.kizuna.analytics.query;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * DAU / WAU / MAU: distinct member pseudonyms with activity (see {@code EventDocuments.isActivity}) per
 * service per UTC day, ISO week (Monday) or calendar month, and stickiness = average DAU over the range
 * ÷ distinct members active in the range (DAU/MAU when the range is a month).
 */
@Service
public class ActiveMembers {
    static final int MAX_SERVICES_PER_ANSWER = 1000;
    private final EventSearch search;

    public ActiveMembers(EventSearch search) {
        this.search = search;
    }

    public enum Interval {
        DAY(CalendarInterval.Day), WEEK(CalendarInterval.Week), MONTH(CalendarInterval.Month);

        final CalendarInterval calendar;

        Interval(CalendarInterval calendar) {
            this.calendar = calendar;
        }

        public static Interval parse(String value) {
            if (value == null || value.isBlank()) {
                return DAY;
            }
            return switch (value) {
                case "day" -> DAY;
                case "week" -> WEEK;
                case "month" -> MONTH;
                default -> throw new AnalyticsRequestException("interval must be day, week or month");
            };
        }
    }

    /** @param period first day of the day/week/month; weeks and months are cut to the requested range */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Row(LocalDate period, String service, long activeMembers) {
    }

    /** @param averageDailyActive mean over every day of the range, days without activity counting 0 */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Stickiness(String service, long days, double averageDailyActive, long activeMembers,
                             double stickiness) {
    }

    public List<Row> activeMembers(AnalyticsFilter filter, Interval interval) throws IOException {
        Map<String, Aggregate> result = search.aggregate(EventSearch.query(filter, List.of(), true),
                Map.of("services", byService(Aggregation.of(a -> a.dateHistogram(h -> h.field("occurred_at")
                        .calendarInterval(interval.calendar).minDocCount(1))
                        .aggregations("members", EventSearch.distinctMembers())))));
        List<Row> rows = new ArrayList<>();
        for (StringTermsBucket service : services(result)) {
            for (DateHistogramBucket period : service.aggregations().get("periods").dateHistogram().buckets().array()) {
                rows.add(new Row(day(period.key()), service.key().stringValue(),
                        (long) period.aggregations().get("members").cardinality().value()));
            }
        }
        rows.sort(Comparator.comparing(Row::period).thenComparing(Row::service));
        return rows;
    }

    public List<Stickiness> stickiness(AnalyticsFilter filter) throws IOException {
        Aggregation perService = Aggregation.of(a -> a.terms(t -> t.field("service").size(MAX_SERVICES_PER_ANSWER))
                .aggregations("members", EventSearch.distinctMembers())
                .aggregations("periods", p -> p.dateHistogram(h -> h.field("occurred_at")
                        .calendarInterval(CalendarInterval.Day).minDocCount(1))
                        .aggregations("members", EventSearch.distinctMembers())));
        Map<String, Aggregate> result = search.aggregate(EventSearch.query(filter, List.of(), true),
                Map.of("services", perService));
        List<Stickiness> rows = new ArrayList<>();
        for (StringTermsBucket service : services(result)) {
            long members = (long) service.aggregations().get("members").cardinality().value();
            long dailySum = 0;
            for (DateHistogramBucket day : service.aggregations().get("periods").dateHistogram().buckets().array()) {
                dailySum += (long) day.aggregations().get("members").cardinality().value();
            }
            double average = (double) dailySum / filter.days();
            rows.add(new Stickiness(service.key().stringValue(), filter.days(), round(average), members,
                    members == 0 ? 0 : round(average / members)));
        }
        rows.sort(Comparator.comparing(Stickiness::service));
        return rows;
    }

    private static Aggregation byService(Aggregation periods) {
        return Aggregation.of(a -> a.terms(t -> t.field("service").size(MAX_SERVICES_PER_ANSWER))
                .aggregations("periods", periods));
    }

    static List<StringTermsBucket> services(Map<String, Aggregate> result) {
        Aggregate services = result.get("services");
        return services == null ? List.of() : services.sterms().buckets().array();
    }

    static LocalDate day(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Four decimals: ratios of small exact counts stay readable and comparable in tests and dashboards. */
    static double round(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}
