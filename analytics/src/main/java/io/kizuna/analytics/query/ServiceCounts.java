package io.kizuna.analytics.query;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Counts of ledger events per service: registrations by the service a member came from, sign-in
 * outcomes and factors, consents and access tokens per client. Document counts are exact (one
 * document per event id); the distinct-member figures use the cardinality aggregation's precision limit.
 */
@Service
public class ServiceCounts {
    /** Registrations through Kizuna's own page ({@code registeredVia = self}) have no service. */
    public static final String DIRECT = "(direct)";
    /** Sign-ins to Kizuna itself (account pages) name no client. */
    public static final String ACCOUNT = "(account)";
    private static final String SUCCEEDED = "member.login.succeeded";
    private static final String FAILED = "member.login.failed";
    private final EventSearch search;

    public ServiceCounts(EventSearch search) {
        this.search = search;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Registrations(String service, long registrations) {
    }

    /** Rates: successes and failures over attempts; multi-factor over successes (RFC 8176 amr). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SignIns(String service, long succeeded, long failed, long multiFactor, double successRate,
                          double failureRate, double multiFactorRate) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Consents(String clientId, long consents, long members) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Tokens(String clientId, long tokens, Map<String, Long> byGrantType) {
    }

    public List<Registrations> registrations(AnalyticsFilter filter) throws IOException {
        return perService(filter, "member.registered", DIRECT, Map.of()).stream()
                .map(b -> new Registrations(b.key().stringValue(), b.docCount())).toList();
    }

    public List<SignIns> signIns(AnalyticsFilter filter) throws IOException {
        Map<String, Aggregation> outcomes = Map.of(
                "succeeded", Aggregation.of(a -> a.filter(f -> f.term(t -> t.field("type").value(SUCCEEDED)))),
                "mfa", Aggregation.of(a -> a.filter(f -> f.bool(b -> b
                        .filter(x -> x.term(t -> t.field("type").value(SUCCEEDED)))
                        .filter(x -> x.term(t -> t.field("mfa").value(true)))))));
        Map<String, Aggregate> result = search.aggregate(EventSearch.query(filter, List.of(SUCCEEDED, FAILED), false),
                Map.of("services", terms(ACCOUNT, outcomes)));
        return ActiveMembers.services(result).stream().map(b -> {
            long succeeded = b.aggregations().get("succeeded").filter().docCount();
            long failed = b.docCount() - succeeded;
            long mfa = b.aggregations().get("mfa").filter().docCount();
            long attempts = succeeded + failed;
            return new SignIns(b.key().stringValue(), succeeded, failed, mfa, ratio(succeeded, attempts),
                    ratio(failed, attempts), ratio(mfa, succeeded));
        }).toList();
    }

    public List<Consents> consents(AnalyticsFilter filter) throws IOException {
        return perService(filter, "consent.granted", null, Map.of("members", EventSearch.distinctMembers())).stream()
                .map(b -> new Consents(b.key().stringValue(), b.docCount(),
                        (long) b.aggregations().get("members").cardinality().value())).toList();
    }

    public List<Tokens> tokens(AnalyticsFilter filter) throws IOException {
        Map<String, Aggregation> grantTypes = Map.of("grant_types",
                Aggregation.of(a -> a.terms(t -> t.field("grant_type").size(20))));
        return perService(filter, "grant.access_token.issued", null, grantTypes).stream().map(b -> {
            Map<String, Long> byGrantType = new LinkedHashMap<>();
            b.aggregations().get("grant_types").sterms().buckets().array()
                    .forEach(g -> byGrantType.put(g.key().stringValue(), g.docCount()));
            return new Tokens(b.key().stringValue(), b.docCount(), byGrantType);
        }).toList();
    }

    private List<StringTermsBucket> perService(AnalyticsFilter filter, String type, String missing,
                                               Map<String, Aggregation> sub) throws IOException {
        Map<String, Aggregate> result = search.aggregate(EventSearch.query(filter, List.of(type), false),
                Map.of("services", terms(missing, sub)));
        return ActiveMembers.services(result).stream()
                .sorted(java.util.Comparator.comparing(b -> b.key().stringValue())).toList();
    }

    private static Aggregation terms(String missing, Map<String, Aggregation> sub) {
        return Aggregation.of(a -> a.terms(t -> {
            t.field("service").size(ActiveMembers.MAX_SERVICES_PER_ANSWER);
            if (missing != null) {
                t.missing(missing);
            }
            return t;
        }).aggregations(sub));
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : ActiveMembers.round((double) part / whole);
    }
}
