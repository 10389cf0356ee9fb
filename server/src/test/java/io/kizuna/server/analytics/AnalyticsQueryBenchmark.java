package io.kizuna.server.analytics;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kizuna.analytics.AnalyticsProperties;
import io.kizuna.analytics.index.ActivityDocuments;
import io.kizuna.analytics.index.EventDocuments;
import io.kizuna.analytics.index.MemberPseudonyms;
import io.kizuna.analytics.query.ActiveMembers;
import io.kizuna.analytics.query.AnalyticsFilter;
import io.kizuna.analytics.query.CohortRetention;
import io.kizuna.analytics.query.EventSearch;
import io.kizuna.analytics.query.ServiceAcquisition;
import io.kizuna.analytics.query.ServiceCounts;
import io.kizuna.analytics.query.ServiceOverlap;
import io.kizuna.embedded.Directories;
import io.kizuna.embedded.elasticsearch.EmbeddedElasticsearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Query latency of every analytics question at a given number of events: a temporary embedded
 * Elasticsearch (deleted afterwards), the production index templates and aliases, documents made by the
 * production {@link EventDocuments#document} from ledger-shaped envelopes and bulk-loaded directly (no
 * Kafka: that path is {@code AnalyticsIngestBenchmark}), activity documents merged by the production
 * {@link ActivityDocuments#merge}; then each question asked through the production query classes (what
 * the API and the pages call) several times. Prints figures, asserts nothing about time.
 *
 * <p>Run: {@code mvn -q -pl server -am process-test-classes -Panalytics-benchmark -Danalytics.events=1000000}
 * (also {@code -Danalytics.members=200000 -Danalytics.runs=5}; the node's heap with
 * {@code -Dkizuna.embedded.elasticsearch.jvmOptions=-Xmx1g}).
 */
public final class AnalyticsQueryBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SERVICES = {"www-demo", "shop-demo", "travel-demo", "bank-demo", "news-demo"};
    private static final String[] REGIONS = {"JP-13", "JP-27", "JP-01", "US", null};
    private static final LocalDate START = LocalDate.parse("2025-01-01");
    private static final int DAYS = 365;

    private AnalyticsQueryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.getLong("analytics.events", 1_000_000);
        int members = Integer.getInteger("analytics.members", 200_000);
        int runs = Integer.getInteger("analytics.runs", 5);
        Path base = Files.createDirectories(Path.of(System.getProperty("analytics.home", "target")).toAbsolutePath());
        Path home = Files.createTempDirectory(base, "analytics-benchmark-es");
        System.out.printf("analytics query benchmark: %,d events, %,d members, %d runs, ES home %s%n", events, members,
                runs, home);
        try (EmbeddedElasticsearch es = EmbeddedElasticsearch.start(EmbeddedElasticsearch.locateRuntimeLibDir(), home, 0,
                Duration.ofMinutes(5))) {
            byte[] key = new byte[32];
            new SplittableRandom(7).nextBytes(key);
            AnalyticsProperties properties = new AnalyticsProperties(null, es.httpUrl(), null, null, null, null,
                    Base64.getEncoder().encodeToString(key), 0, 0, null);
            ElasticsearchClient client = ElasticsearchClient.of(b -> b.host(es.httpUrl()));
            EventDocuments.ensureIndex(client, properties);
            ActivityDocuments.ensureIndex(client, properties);
            load(client, properties, MemberPseudonyms.fromBase64(properties.pseudonymKey()), events, members);
            System.out.printf("disk: %s%n", du(home));
            ask(client, properties, runs);
            client.close();
        } finally {
            Directories.deleteRecursively(home);
            System.out.println("deleted " + home);
        }
    }

    private static void load(ElasticsearchClient client, AnalyticsProperties properties, MemberPseudonyms pseudonyms,
                             long events, int members) throws Exception {
        String concrete = properties.eventsIndex() + "-000001";
        client.indices().putSettings(s -> s.index(concrete).settings(x -> x.refreshInterval(t -> t.time("-1"))));
        SplittableRandom random = new SplittableRandom(42);
        String[] ids = new String[members];
        int[] registeredOn = new int[members];
        int[][] uses = new int[members][];
        for (int m = 0; m < members; m++) {
            ids[m] = new UUID(random.nextLong(), random.nextLong()).toString();
            registeredOn[m] = random.nextInt(DAYS);
            int k = 1 + random.nextInt(random.nextInt(3) + 1); // 1–3 services, skewed towards 1
            uses[m] = new int[k];
            for (int i = 0; i < k; i++) {
                uses[m][i] = random.nextInt(random.nextInt(SERVICES.length) + 1); // skewed towards www
            }
        }
        Map<String, ActivityDocuments.Span> spans = new HashMap<>();
        List<Map<String, Object>> batch = new ArrayList<>(5000);
        long t0 = System.nanoTime();
        long sent = 0;
        for (long i = 0; i < events; i++) {
            ObjectNode envelope;
            if (i < members) {
                int m = (int) i;
                String via = random.nextInt(10) == 0 ? "self" : SERVICES[uses[m][0]];
                envelope = envelope("member.registered", "Member", ids[m], at(registeredOn[m], random),
                        JSON.createObjectNode().put("memberId", ids[m]).put("registeredVia", via));
            } else {
                int m = random.nextInt(members);
                String member = ids[m];
                int day = registeredOn[m] + random.nextInt(DAYS - registeredOn[m]);
                String service = SERVICES[uses[m][random.nextInt(uses[m].length)]];
                String at = at(day, random);
                int kind = random.nextInt(100);
                if (kind < 55) {
                    ObjectNode p = JSON.createObjectNode().put("memberId", member).put("clientId", service)
                            .put("sessionId", "s").put("acr", "urn:kizuna:loa:2").put("region", REGIONS[m % REGIONS.length]);
                    var amr = p.putArray("amr").add("pwd");
                    if (random.nextInt(5) == 0) {
                        amr.add("otp");
                    }
                    envelope = envelope("member.login.succeeded", "Member", member, at, p);
                } else if (kind < 60) {
                    envelope = envelope("member.login.failed", "Member", member, at, JSON.createObjectNode()
                            .put("memberId", member).put("clientId", service).put("reason", "bad_password")
                            .put("region", REGIONS[m % REGIONS.length]));
                } else if (kind < 70) {
                    ObjectNode p = JSON.createObjectNode().put("memberId", member).put("clientId", service)
                            .put("consentId", member + "/" + service);
                    p.putArray("scopes").add("openid");
                    envelope = envelope("consent.granted", "Consent", member + "/" + service, at, p);
                } else {
                    String grant = kind < 90 ? "authorization_code" : "refresh_token";
                    envelope = envelope("grant.access_token.issued", "Grant", UUID.randomUUID().toString(), at,
                            JSON.createObjectNode().put("memberId", member).put("clientId", service)
                                    .put("grantType", grant).put("format", "jwt"));
                }
            }
            Map<String, Object> doc = EventDocuments.document(envelope, pseudonyms);
            batch.add(doc);
            if (Boolean.TRUE.equals(doc.get("active"))) {
                String id = doc.get("member") + "|" + doc.get("service");
                Instant when = Instant.parse((String) doc.get("occurred_at"));
                spans.merge(id, new ActivityDocuments.Span((String) doc.get("member"), (String) doc.get("service"),
                        when, when), (a, b) -> new ActivityDocuments.Span(a.member(), a.service(),
                        a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen(),
                        a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen()));
            }
            if (batch.size() == 5000 || i == events - 1) {
                bulk(client, properties.eventsIndex(), batch);
                sent += batch.size();
                batch.clear();
                if (sent % 500_000 == 0) {
                    System.out.printf("  loaded %,d events (%.0f/s)%n", sent, sent / ((System.nanoTime() - t0) / 1e9));
                }
            }
        }
        double eventSeconds = (System.nanoTime() - t0) / 1e9;
        client.indices().putSettings(s -> s.index(concrete).settings(x -> x.refreshInterval(t -> t.time("1s"))));
        client.indices().refresh(r -> r.index(properties.eventsIndex()));
        long t1 = System.nanoTime();
        List<String> keys = new ArrayList<>(spans.keySet());
        for (int from = 0; from < keys.size(); from += 5000) {
            Map<String, ActivityDocuments.Span> chunk = new LinkedHashMap<>();
            for (String k : keys.subList(from, Math.min(keys.size(), from + 5000))) {
                chunk.put(k, spans.get(k));
            }
            ActivityDocuments.merge(client, properties.activityIndex(), chunk);
        }
        client.indices().refresh(r -> r.index(properties.activityIndex()));
        double activitySeconds = (System.nanoTime() - t1) / 1e9;
        long count = client.count(c -> c.index(properties.eventsIndex())).count();
        long activity = client.count(c -> c.index(properties.activityIndex())).count();
        System.out.printf("loaded: %,d event documents in %.1f s (%.0f/s, bulk of 5,000, refresh off); "
                        + "%,d activity documents merged in %.1f s%n", count, eventSeconds, count / eventSeconds, activity,
                activitySeconds);
    }

    private static void bulk(ElasticsearchClient client, String alias, List<Map<String, Object>> docs) throws Exception {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (Map<String, Object> doc : docs) {
            bulk.operations(op -> op.index(x -> x.index(alias).id((String) doc.get("event_id")).document(doc)));
        }
        BulkResponse response = client.bulk(bulk.build());
        if (response.errors()) {
            throw new IllegalStateException("bulk refused: " + response.items().stream().filter(x -> x.error() != null)
                    .findFirst().map(x -> x.error().reason()).orElse("?"));
        }
    }

    @FunctionalInterface
    private interface Question {
        Object ask() throws Exception;
    }

    private static void ask(ElasticsearchClient client, AnalyticsProperties properties, int runs) throws Exception {
        EventSearch search = new EventSearch(client, properties);
        ActiveMembers active = new ActiveMembers(search);
        ServiceCounts counts = new ServiceCounts(search);
        ServiceOverlap overlap = new ServiceOverlap(search);
        CohortRetention cohorts = new CohortRetention(search);
        ServiceAcquisition acquisition = new ServiceAcquisition(client, properties);
        List<String> three = List.of(SERVICES[0], SERVICES[1], SERVICES[2]);
        for (String[] range : new String[][] {{"2025-06-01", "2025-06-30"}, {"2025-01-01", "2025-12-31"}}) {
            AnalyticsFilter all = AnalyticsFilter.parse(range[0], range[1], List.of());
            AnalyticsFilter abc = AnalyticsFilter.parse(range[0], range[1], three);
            AnalyticsFilter region = AnalyticsFilter.parse(range[0], range[1], List.of(), List.of("JP-13"), List.of());
            AnalyticsFilter otp = AnalyticsFilter.parse(range[0], range[1], List.of(), List.of(), List.of("otp"));
            System.out.printf("%nrange %s..%s%n", range[0], range[1]);
            Map<String, Question> questions = new LinkedHashMap<>();
            questions.put("active-members?interval=day", () -> active.activeMembers(all, ActiveMembers.Interval.DAY));
            questions.put("active-members?interval=week", () -> active.activeMembers(all, ActiveMembers.Interval.WEEK));
            questions.put("active-members?interval=month", () -> active.activeMembers(all, ActiveMembers.Interval.MONTH));
            questions.put("active-members?interval=month&region=JP-13",
                    () -> active.activeMembers(region, ActiveMembers.Interval.MONTH));
            questions.put("stickiness", () -> active.stickiness(all));
            questions.put("overlap (3 services)", () -> overlap.overlap(abc).members());
            questions.put("acquisition", () -> acquisition.acquisition(all).size());
            questions.put("registrations", () -> counts.registrations(all));
            questions.put("sign-ins", () -> counts.signIns(all));
            questions.put("sign-ins?region=JP-13", () -> counts.signIns(region));
            questions.put("sign-ins?method=otp", () -> counts.signIns(otp));
            questions.put("consents", () -> counts.consents(all));
            questions.put("tokens", () -> counts.tokens(all));
            questions.put("cohort-retention?weeks=4", () -> cohorts.cohorts(all, 4).size());
            for (Map.Entry<String, Question> q : questions.entrySet()) {
                long[] ms = new long[runs];
                Object answer = null;
                for (int r = 0; r < runs; r++) {
                    long t = System.nanoTime();
                    answer = q.getValue().ask();
                    ms[r] = (System.nanoTime() - t) / 1_000_000;
                }
                long first = ms[0];
                long[] sorted = ms.clone();
                Arrays.sort(sorted);
                String shown = String.valueOf(answer);
                System.out.printf("| `%s` | %,d | %,d | %,d | %s |%n", q.getKey(), sorted[runs / 2], sorted[runs - 1],
                        first, shown.length() > 90 ? shown.substring(0, 90) + "…" : shown);
            }
        }
    }

    private static ObjectNode envelope(String type, String aggregateType, String aggregateId, String at, ObjectNode payload) {
        ObjectNode e = JSON.createObjectNode().put("eventId", UUID.randomUUID().toString()).put("type", type)
                .put("revision", "1").put("occurredAt", at).put("aggregateType", aggregateType)
                .put("aggregateId", aggregateId).put("sequence", 0);
        e.set("payload", payload);
        return e;
    }

    private static String at(int day, SplittableRandom random) {
        return START.plusDays(day).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                .plusSeconds(random.nextInt(86_400)).toString();
    }

    private static String du(Path home) throws Exception {
        Process p = new ProcessBuilder("du", "-sh", home.toString()).redirectErrorStream(true).start();
        return new String(p.getInputStream().readAllBytes()).trim();
    }
}
