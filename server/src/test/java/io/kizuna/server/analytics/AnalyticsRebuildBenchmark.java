package io.kizuna.server.analytics;

import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.RecordLoginFailedCommand;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.member.PersonalDataCodec;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Speed of {@code POST /admin/api/analytics/rebuild} over a ledger of real events. Prints figures,
 * asserts nothing about time. Not part of CI (no {@code IT} suffix); run it explicitly:
 *
 * <pre>mvn -q -pl server -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest='None*' \
 *     -Dit.test='AnalyticsRebuildBenchmark*' -Dfailsafe.failIfNoSpecifiedTests=false \
 *     [-Danalytics.rebuild.events=10000]</pre>
 *
 * The ledger is filled through the command bus ({@code member.login.failed} on 50 registered members,
 * four threads), the Kafka indexer is let catch up (so the rebuild runs at rest), then the rebuild is
 * requested over HTTP and its report printed.
 */
@KizunaIntegrationTest
class AnalyticsRebuildBenchmark {
    @Value("${kizuna.issuer}")
    String issuer;
    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    LedgerCommands commands;
    @Autowired
    PersonalDataCodec codec;

    @Test
    void rebuildSpeed() throws Exception {
        int events = Integer.getInteger("analytics.rebuild.events", 10_000);
        Api api = new Api(issuer);
        List<MemberId> members = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            members.add(new MemberId(api.registerMember("rebuild-bench-" + UUID.randomUUID() + "@example.jp",
                    "rebuild benchmark pw", "Rebuild Bench")));
        }
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = thread; i < events; i += 4) {
                    // members by thread: no two threads append to one aggregate
                    MemberId member = members.get(thread + 4 * ((i / 4) % (members.size() / 4)));
                    commands.send(new RecordLoginFailedCommand(member, "rebuild-bench-" + (i % 7), "bad_password",
                            codec.seal(member, Map.of("source_address", "203.0.113.9", "user_agent", "rebuild-bench"))));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("REBUILD-BENCH: %,d events appended in %.1f s%n", events, (System.nanoTime() - t0) / 1e9);

        List<String> ids = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> stored = storageEngine.readEvents(null, false)) {
            stored.forEach(e -> ids.add(e.getIdentifier()));
        }
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            elasticsearch.indices().refresh(r -> r.index("kizuna-events"));
            return elasticsearch.count(c -> c.index("kizuna-events")).count() >= ids.size();
        });
        Api.Response rebuilt = api.postJson("/admin/api/analytics/rebuild", Api.ADMIN_TOKEN, Map.of());
        JsonNode report = rebuilt.json();
        System.out.printf("REBUILD-BENCH: store holds %,d events; rebuild answered %d: %s%n", ids.size(),
                rebuilt.status(), report);
    }
}
