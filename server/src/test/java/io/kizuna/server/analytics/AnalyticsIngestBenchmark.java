package io.kizuna.server.analytics;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.RecordLoginFailedCommand;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.member.PersonalDataCodec;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Analytics ingest rate and end-to-end freshness through the real path of the test platform (embedded
 * PostgreSQL ledger, Kafka, Elasticsearch; the server's publisher and indexer). Prints figures, asserts
 * nothing about time. Not part of CI (no {@code IT} suffix); run it explicitly:
 *
 * <pre>mvn -q -pl server -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest='None*' \
 *     -Dit.test='AnalyticsIngestBenchmark*' -Dfailsafe.failIfNoSpecifiedTests=false \
 *     [-Danalytics.ingest.events=200000 -Danalytics.freshness.events=200]</pre>
 *
 * <ul>
 *   <li>ingest: ledger envelopes produced straight to {@code kizuna.ledger.events} as fast as the
 *   producer takes them; from the first send until every one is counted in {@code kizuna-events}.</li>
 *   <li>freshness: one at a time, a {@code member.login.failed} appended to the ledger through the
 *   command bus (the aggregate validates, the event store commits; timing starts when that returns),
 *   then {@code GET /api/analytics/sign-ins} polled every 10 ms until it shows the failure.</li>
 * </ul>
 */
@KizunaIntegrationTest
class AnalyticsIngestBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    Producer<String, String> producer;

    @Autowired
    LedgerCommands commands;

    @Autowired
    PersonalDataCodec codec;

    @Test
    void ingestRateAndFreshness() throws Exception {
        ingest(Integer.getInteger("analytics.ingest.events", 200_000));
        freshness(Integer.getInteger("analytics.freshness.events", 200));
    }

    private void ingest(int events) throws Exception {
        String service = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String[] members = new String[Math.max(1, events / 5)];
        for (int i = 0; i < members.length; i++) {
            members[i] = UUID.randomUUID().toString();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < events; i++) {
            String member = members[i % members.length];
            String at = "2025-03-" + String.format("%02d", 1 + i % 28) + "T10:00:00Z";
            ObjectNode p = JSON.createObjectNode().put("memberId", member).put("sessionId", "s").put("clientId", service)
                    .put("acr", "1").put("region", "JP-13");
            p.putArray("amr").add("pwd");
            ObjectNode envelope = JSON.createObjectNode().put("eventId", UUID.randomUUID().toString())
                    .put("type", "member.login.succeeded").put("revision", "1").put("occurredAt", at)
                    .put("aggregateType", "Member").put("aggregateId", member).put("sequence", i);
            envelope.set("payload", p);
            producer.send(new ProducerRecord<>(SyntheticLedger.TOPIC, member, JSON.writeValueAsString(envelope)));
        }
        producer.flush();
        double sentSeconds = (System.nanoTime() - t0) / 1e9;
        long counted = 0;
        while (counted < events) {
            Thread.sleep(250); // resolution of the end time; no forced refresh, which would slow indexing
            counted = elasticsearch.count(c -> c.index("kizuna-events")
                    .query(q -> q.term(t -> t.field("service").value(service)))).count();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("INGEST: %,d events produced in %.1f s; all %,d indexed after %.1f s = %,.0f events/s%n",
                events, sentSeconds, counted, seconds, events / seconds);
    }

    private void freshness(int events) throws Exception {
        Api api = new Api(issuer);
        String memberId = api.registerMember("fresh-" + UUID.randomUUID() + "@example.jp", "freshness benchmark pw",
                "Fresh Bench");
        MemberId member = new MemberId(memberId);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        long[] ms = new long[events];
        for (int i = 0; i < events; i++) {
            String client = "fresh-" + UUID.randomUUID().toString().substring(0, 12);
            commands.send(new RecordLoginFailedCommand(member, client, "bad_password",
                    codec.seal(member, Map.of("source_address", "203.0.113.9", "user_agent", "freshness-benchmark"))));
            long appended = System.nanoTime();
            String path = "/api/analytics/sign-ins?from=" + today + "&to=" + today + "&service=" + client;
            while (true) {
                JsonNode rows = api.get(path, null).json().get("rows");
                if (rows != null && rows.size() == 1 && rows.get(0).get("failed").asLong() == 1) {
                    break;
                }
                Thread.sleep(10); // the polling interval: the measurement's resolution, not a wait for a result
            }
            ms[i] = (System.nanoTime() - appended) / 1_000_000;
        }
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf("FRESHNESS over %d events: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms, min %d ms%n", events,
                sorted[events / 2], sorted[(int) Math.ceil(events * 0.9) - 1], sorted[(int) Math.ceil(events * 0.99) - 1],
                sorted[events - 1], sorted[0]);
    }
}
