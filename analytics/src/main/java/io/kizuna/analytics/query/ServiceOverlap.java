package io.kizuna.analytics.query;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import co.elastic.clients.util.NamedValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Cross-service overlap: for a chosen set of services, how many members were active on exactly each
 * combination of them in the range (A only, B only, A and B, …). Exact at any size: it pages through
 * members with a composite aggregation (one bucket per member, the services they used beneath it)
 * instead of combining approximate cardinalities; the cost grows with the members active in the range.
 */
@Service
public class ServiceOverlap {
    static final int MIN_SERVICES = 2;
    static final int MAX_SERVICES = 6;
    private static final int PAGE = 1000;
    private final EventSearch search;

    public ServiceOverlap(EventSearch search) {
        this.search = search;
    }

    /** @param services the combination, in the order the services were asked for */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Combination(List<String> services, long members) {
    }

    /**
     * @param combinations every non-empty combination, including those with 0 members
     * @param membersPerService members active on each service (any combination)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Overlap(List<String> services, List<Combination> combinations, Map<String, Long> membersPerService,
                          long members) {
    }

    public Overlap overlap(AnalyticsFilter filter) throws IOException {
        List<String> services = filter.services();
        if (services.size() < MIN_SERVICES || services.size() > MAX_SERVICES) {
            throw new AnalyticsRequestException("overlap needs " + MIN_SERVICES + " to " + MAX_SERVICES
                    + " services (service=a,b,…)");
        }
        long[] perMask = new long[1 << services.size()];
        Map<String, FieldValue> after = null;
        while (true) {
            Map<String, FieldValue> from = after;
            Aggregation members = Aggregation.of(a -> a.composite(c -> {
                c.size(PAGE).sources(NamedValue.of("member",
                        CompositeAggregationSource.of(s -> s.terms(t -> t.field("member")))));
                if (from != null) {
                    c.after(from);
                }
                return c;
            }).aggregations("services", s -> s.terms(t -> t.field("service").size(services.size()))));
            Map<String, Aggregate> result = search.aggregate(EventSearch.query(filter, List.of(), true),
                    Map.of("members", members));
            if (result.isEmpty()) {
                break;
            }
            CompositeAggregate page = result.get("members").composite();
            for (CompositeBucket member : page.buckets().array()) {
                int mask = 0;
                for (StringTermsBucket used : member.aggregations().get("services").sterms().buckets().array()) {
                    mask |= 1 << services.indexOf(used.key().stringValue());
                }
                perMask[mask]++;
            }
            if (page.buckets().array().size() < PAGE || page.afterKey() == null || page.afterKey().isEmpty()) {
                break;
            }
            after = page.afterKey();
        }
        List<Combination> combinations = new ArrayList<>();
        Map<String, Long> perService = new LinkedHashMap<>();
        services.forEach(s -> perService.put(s, 0L));
        long total = 0;
        for (int mask = 1; mask < perMask.length; mask++) {
            List<String> combination = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    combination.add(services.get(i));
                    perService.merge(services.get(i), perMask[mask], Long::sum);
                }
            }
            combinations.add(new Combination(combination, perMask[mask]));
            total += perMask[mask];
        }
        combinations.sort((a, b) -> a.services().size() != b.services().size()
                ? Integer.compare(a.services().size(), b.services().size()) : 0);
        return new Overlap(services, combinations, perService, total);
    }
}
