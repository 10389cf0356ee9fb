package io.kizuna.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * {@code POST /admin/api/analytics/rebuild}: the analytics indices are rebuilt from the event store (not
 * from Kafka) into a new generation while the ledger keeps growing, repair damage done to the live index,
 * and answer every question exactly as before.
 */
@KizunaIntegrationTest
class AnalyticsRebuildIT {
    private static final String EVENTS = "kizuna-events";
    private static final String ACTIVITY = "kizuna-activity";
    private static final String PASSWORD = "analytics rebuild password 123";

    @Value("${kizuna.issuer}")
    String issuer;
    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    AnalyticsRebuilder rebuilder;

    @Test
    @DisplayName("a rebuild from the event store repairs a damaged index, keeps every answer, and loses nothing appended meanwhile")
    void rebuildWhileLedgerGrowsThenIndexEqualsStoreAndAnswersEqualSnapshot() throws Exception {
        Api api = new Api(issuer);
        // a known pattern through real flows: m1 registers via A and signs in at A and B, m2 signs in at A only
        String redirectA = "http://localhost:1/ra-" + UUID.randomUUID();
        String redirectB = "http://localhost:1/rb-" + UUID.randomUUID();
        String[] a = api.registerWebClient(redirectA);
        String[] b = api.registerWebClient(redirectB);
        String m1 = "rebuild-1-" + UUID.randomUUID() + "@example.jp";
        String m2 = "rebuild-2-" + UUID.randomUUID() + "@example.jp";
        Api.Response registered = api.postJson("/api/members", null, Map.of("email", m1, "password", PASSWORD,
                "name", "Rebuild One", "locale", "en", "registered_via", a[0]));
        assertThat(registered.status()).isEqualTo(201);
        String m1Id = registered.json().get("member_id").asText();
        String m2Id = api.registerMember(m2, PASSWORD, "Rebuild Two");
        CodeFlow.run(issuer, a[0], redirectA, m1, PASSWORD, "openid");
        CodeFlow.run(issuer, b[0], redirectB, m1, PASSWORD, "openid");
        CodeFlow.run(issuer, a[0], redirectA, m2, PASSWORD, "openid");
        // m2 is then forgotten (crypto-shredding): the rebuilt feed must keep them severed like the live one
        assertThat(api.postJson("/admin/api/members/" + m2Id + "/forget", Api.ADMIN_TOKEN, Map.of()).status())
                .isEqualTo(200);

        String range = "from=" + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC)
                + "&service=" + a[0] + "," + b[0];
        List<String> questions = List.of("/api/analytics/overlap?" + range, "/api/analytics/active-members?" + range,
                "/api/analytics/sign-ins?" + range, "/api/analytics/consents?" + range,
                "/api/analytics/registrations?" + range);
        List<String> stored = storedEventIds();
        awaitIndexed(stored);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get(api, "/api/analytics/overlap?" + range).get("members").asLong()).isEqualTo(2));
        Map<String, JsonNode> snapshot = answers(api, questions);
        assertThat(snapshot.get(questions.get(0)).get("combinations").get(2).get("members").asLong()).isEqualTo(1);
        List<String> sample = stored.subList(Math.max(0, stored.size() - 25), stored.size());
        Map<String, Map<?, ?>> sampleDocuments = documents(sample);
        assertThat(sampleDocuments).hasSize(sample.size());
        assertThat(sampleDocuments.values()).allSatisfy(doc -> assertThat(doc.toString())
                .doesNotContain(m1).doesNotContain(m2).doesNotContain("Rebuild One"));

        // damage: drop some of the pattern's event documents and all its activity documents at A
        for (String id : sample.subList(sample.size() - 10, sample.size())) {
            elasticsearch.delete(d -> d.index(EVENTS).id(id));
        }
        for (Hit<Map> hit : elasticsearch.search(s -> s.index(ACTIVITY).size(100)
                .query(q -> q.term(t -> t.field("service").value(a[0]))), Map.class).hits().hits()) {
            elasticsearch.delete(d -> d.index(hit.index()).id(hit.id()));
        }
        elasticsearch.indices().refresh(r -> r.index(EVENTS, ACTIVITY));
        assertThat(answers(api, questions)).isNotEqualTo(snapshot);
        List<String> oldGeneration = new ArrayList<>(elasticsearch.indices().getAlias(g -> g.name(EVENTS)).aliases().keySet());
        oldGeneration.addAll(elasticsearch.indices().getAlias(g -> g.name(ACTIVITY)).aliases().keySet());

        // rebuild while a background thread keeps appending registrations (via a third site, outside the pattern)
        String[] c = api.registerWebClient("http://localhost:1/rc-" + UUID.randomUUID());
        AtomicBoolean producing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Instant> appended = new ConcurrentLinkedQueue<>();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            while (producing.get()) {
                try {
                    Api.Response r = api.postJson("/api/members", null, Map.of("email", "rebuild-bg-" + UUID.randomUUID()
                            + "@example.jp", "password", PASSWORD, "name", "Background", "locale", "ja",
                            "registered_via", c[0]));
                    assertThat(r.status()).isEqualTo(201);
                    appended.add(Instant.now());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> appended.size() >= 2);
        Instant started = Instant.now();
        Api.Response rebuilt = api.postJson("/admin/api/analytics/rebuild", Api.ADMIN_TOKEN, Map.of());
        Instant finished = Instant.now();
        await().atMost(Duration.ofSeconds(60)).until(() -> appended.stream().anyMatch(t -> t.isAfter(finished)));
        producing.set(false);
        producer.get();

        assertThat(rebuilt.status()).as(rebuilt.raw().body()).isEqualTo(200);
        JsonNode report = rebuilt.json();
        assertThat(appended).as("registrations appended while the rebuild ran")
                .anyMatch(t -> t.isAfter(started) && t.isBefore(finished));
        assertThat(report.get("eventsRead").asLong()).isGreaterThanOrEqualTo(stored.size());
        assertThat(report.get("eventsPerSecond").asDouble()).isPositive();
        String newEvents = report.get("newEventsIndex").asText();
        String newActivity = report.get("newActivityIndex").asText();
        assertThat(newEvents).matches(EVENTS + "-\\d{6}").isNotIn(oldGeneration);
        assertThat(newActivity).matches(ACTIVITY + "-\\d{6}").isNotIn(oldGeneration);
        List<String> reportedOld = new ArrayList<>();
        report.get("oldEventsIndices").forEach(n -> reportedOld.add(n.asText()));
        report.get("oldActivityIndices").forEach(n -> reportedOld.add(n.asText()));
        assertThat(reportedOld).containsExactlyInAnyOrderElementsOf(oldGeneration);

        // the aliases point at the new generation only, and the old one is gone
        assertThat(elasticsearch.indices().getAlias(g -> g.name(EVENTS)).aliases().keySet()).containsExactly(newEvents);
        assertThat(elasticsearch.indices().getAlias(g -> g.name(ACTIVITY)).aliases().keySet()).containsExactly(newActivity);
        for (String old : oldGeneration) {
            assertThat(elasticsearch.indices().exists(e -> e.index(old)).value()).as(old).isFalse();
        }

        // every stored event (the ones appended during and after the rebuild included) is indexed exactly once
        List<String> all = storedEventIds();
        assertThat(all.size()).isGreaterThan(stored.size());
        awaitIndexed(all);
        // the pattern's answers and documents are those of before the damage
        assertThat(answers(api, questions)).isEqualTo(snapshot);
        assertThat(documents(sample)).isEqualTo(sampleDocuments);
        // no plaintext member id anywhere in the rebuilt documents (pseudonyms only), the forgotten one included
        for (String memberId : List.of(m1Id, m2Id)) {
            assertThat(elasticsearch.count(cnt -> cnt.index(EVENTS).query(q -> q.multiMatch(mm -> mm.query(memberId)
                    .fields("aggregate_id", "member", "event_id", "payload")))).count()).as(memberId).isZero();
        }
    }

    @Test
    @DisplayName("the rebuild needs the admin token (RFC 6750 §3.1: 401 without it)")
    void rebuildWithoutAdminTokenIsRefused() throws Exception {
        Api api = new Api(issuer);
        Api.Response missing = api.postJson("/admin/api/analytics/rebuild", null, Map.of());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("error").asText()).isEqualTo("invalid_token");
        assertThat(api.postJson("/admin/api/analytics/rebuild", "not-the-admin-token", Map.of()).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("a second rebuild while one runs is refused with 409 rebuild_running")
    void rebuildWhileOneRunsIsRefused() throws Exception {
        Api api = new Api(issuer);
        rebuilder.running.lock(); // what a running rebuild holds
        try {
            Api.Response second = api.postJson("/admin/api/analytics/rebuild", Api.ADMIN_TOKEN, Map.of());
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.json().get("error").asText()).isEqualTo("rebuild_running");
            assertThat(second.json().get("error_description").asText()).isNotBlank();
        } finally {
            rebuilder.running.unlock();
        }
    }

    private List<String> storedEventIds() {
        List<String> ids = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> events = storageEngine.readEvents(null, false)) {
            events.forEach(e -> ids.add(e.getIdentifier()));
        }
        return ids;
    }

    /** Each id is found exactly once behind the alias (which may span several indices). */
    private void awaitIndexed(List<String> ids) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            elasticsearch.indices().refresh(r -> r.index(EVENTS, ACTIVITY));
            for (int from = 0; from < ids.size(); from += 5000) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 5000));
                assertThat(elasticsearch.count(c -> c.index(EVENTS).query(q -> q.ids(i -> i.values(chunk)))).count())
                        .isEqualTo(chunk.size());
            }
        });
    }

    @SuppressWarnings("rawtypes")
    private Map<String, Map<?, ?>> documents(List<String> ids) throws Exception {
        Map<String, Map<?, ?>> docs = new HashMap<>();
        for (Hit<Map> hit : elasticsearch.search(s -> s.index(EVENTS).size(ids.size())
                .query(q -> q.ids(i -> i.values(ids))), Map.class).hits().hits()) {
            docs.put(hit.id(), hit.source());
        }
        return docs;
    }

    private static Map<String, JsonNode> answers(Api api, List<String> questions) throws Exception {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String q : questions) {
            answers.put(q, get(api, q));
        }
        return answers;
    }

    private static JsonNode get(Api api, String path) throws Exception {
        Api.Response r = api.get(path, null);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }
}
