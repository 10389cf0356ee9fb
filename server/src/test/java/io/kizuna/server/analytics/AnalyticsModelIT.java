package io.kizuna.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.analytics.AnalyticsProperties;
import io.kizuna.analytics.index.EventDocuments;
import io.kizuna.analytics.index.MemberPseudonyms;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The Elasticsearch model: template + write alias, pseudonymous members, the derived activity index. */
@KizunaIntegrationTest
class AnalyticsModelIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    Producer<String, String> producer;

    @Autowired
    MemberPseudonyms pseudonyms;

    @Test
    @DisplayName("ledger events are written through the alias kizuna-events, whose write index kizuna-events-000001 comes from the template")
    void requestWhenEventIndexedThenWrittenThroughRolloverReadyAlias() throws Exception {
        SyntheticLedger ledger = new SyntheticLedger(producer);
        ledger.login(UUID.randomUUID().toString(), "alias-" + UUID.randomUUID(), "2026-03-02T10:00:00Z", "pwd");
        ledger.awaitIndexed(elasticsearch);

        // -000001 on a fresh platform; a later generation once AnalyticsRebuildIT rebuilt in this JVM
        var aliases = elasticsearch.indices().getAlias(a -> a.name("kizuna-events")).aliases();
        assertThat(aliases).hasSize(1);
        String writeIndex = aliases.keySet().iterator().next();
        assertThat(writeIndex).matches("kizuna-events-\\d{6}");
        assertThat(aliases.get(writeIndex).aliases().get("kizuna-events").isWriteIndex()).isTrue();
        var template = elasticsearch.indices().getIndexTemplate(t -> t.name("kizuna-events")).indexTemplates();
        assertThat(template).singleElement().satisfies(t ->
                assertThat(t.indexTemplate().indexPatterns()).containsExactly("kizuna-events-*"));
        assertThat(elasticsearch.indices().getAlias(a -> a.name("kizuna-activity")).aliases().keySet())
                .singleElement().asString().matches("kizuna-activity-\\d{6}");
    }

    @Test
    @DisplayName("a concrete index where the alias must go (the skeleton's kizuna-events) is replaced by the alias over -000001, and a second start changes nothing")
    void requestWhenLegacyConcreteIndexExistsThenReplacedByAliasIdempotently() throws Exception {
        String legacy = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        elasticsearch.indices().create(c -> c.index(legacy));
        elasticsearch.index(i -> i.index(legacy).id("old").document(Map.of("member_id", "raw-member-id")));
        AnalyticsProperties properties = new AnalyticsProperties(null, null, legacy, null, null, null, null, null,
                null, null);

        EventDocuments.ensureIndex(elasticsearch, properties);
        EventDocuments.ensureIndex(elasticsearch, properties);

        assertThat(elasticsearch.indices().getAlias(a -> a.name(legacy)).aliases()).containsOnlyKeys(legacy + "-000001");
        assertThat(elasticsearch.indices().exists(e -> e.index(legacy + "-000002")).value()).isFalse();
        assertThat(elasticsearch.count(c -> c.index(legacy)).count()).isZero();
        var mapping = elasticsearch.indices().getMapping(m -> m.index(legacy + "-000001"))
                .get(legacy + "-000001").mappings().properties();
        assertThat(mapping).containsKeys("member", "service", "active", "mfa", "day").doesNotContainKey("member_id");
    }

    @Test
    @DisplayName("a real registration and synthetic events reach Elasticsearch without the member id, e-mail or name: only the keyed pseudonym")
    void requestWhenMemberEventsIndexedThenNoMemberIdOrPersonalDataInElasticsearch() throws Exception {
        String email = "privacy-" + UUID.randomUUID() + "@example.jp";
        String name = "Privacy Tester " + UUID.randomUUID();
        String memberId = new Api(issuer).registerMember(email, "privacy password 123", name);
        String service = "privacy-" + UUID.randomUUID();
        SyntheticLedger ledger = new SyntheticLedger(producer);
        ledger.login(memberId, service, "2026-03-02T10:00:00Z", "pwd", "otp");
        ledger.consent(memberId, service, "2026-03-02T10:00:01Z");
        ledger.token(memberId, service, "authorization_code", "2026-03-02T10:00:02Z");
        ledger.awaitIndexed(elasticsearch);
        String pseudonym = pseudonyms.of(memberId);

        await().atMost(Duration.ofSeconds(60)).until(() -> elasticsearch.count(c -> c.index("kizuna-events")
                .query(q -> q.term(t -> t.field("member").value(pseudonym)))).count() == 4);
        List<Hit<Map>> hits = elasticsearch.search(s -> s.index("kizuna-events", "kizuna-activity").size(100)
                .query(q -> q.term(t -> t.field("member").value(pseudonym))), Map.class).hits().hits();
        assertThat(hits).hasSize(5);
        for (Hit<Map> hit : hits) {
            String stored = JSON.writeValueAsString(hit.source()) + hit.id();
            assertThat(stored).doesNotContain(memberId).doesNotContain(email).doesNotContain(name)
                    .doesNotContain("c2VhbGVk");
        }
        assertThat(pseudonym).isNotEqualTo(memberId).hasSize(22);
        long rawIdAnywhere = elasticsearch.count(c -> c.index("kizuna-*").query(q -> q.multiMatch(m -> m
                .query(memberId).fields("member", "aggregate_id", "payload.*")))).count();
        assertThat(rawIdAnywhere).isZero();
    }

    @Test
    @DisplayName("activity (first seen, last seen per member and service) is exact under out-of-order and repeated delivery")
    void requestWhenEventsArriveOutOfOrderAndTwiceThenActivitySpanIsExact() throws Exception {
        String memberId = UUID.randomUUID().toString();
        String service = "activity-" + UUID.randomUUID();
        SyntheticLedger ledger = new SyntheticLedger(producer);
        ledger.login(memberId, service, "2026-03-10T09:00:00Z", "pwd");
        String first = ledger.consent(memberId, service, "2026-03-01T08:00:00Z");
        ledger.token(memberId, service, "refresh_token", "2026-03-20T00:00:00Z");
        ledger.loginFailed(memberId, service, "2026-03-25T00:00:00Z");
        ledger.login(memberId, service, "2026-03-05T12:00:00Z", "pwd");
        var consentAgain = JSON.createObjectNode().put("memberId", memberId).put("clientId", service);
        ledger.publish(first, "consent.granted", "Consent", memberId + "/" + service, "2026-03-01T08:00:00Z", consentAgain);
        ledger.awaitIndexed(elasticsearch);

        String id = pseudonyms.of(memberId) + "|" + service;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            GetResponse<Map> doc = elasticsearch.get(g -> g.index("kizuna-activity").id(id), Map.class);
            assertThat(doc.found()).isTrue();
            assertThat(doc.source()).containsEntry("first_seen", "2026-03-01T08:00:00Z")
                    .containsEntry("last_seen", "2026-03-10T09:00:00Z")
                    .containsEntry("service", service).containsEntry("member", pseudonyms.of(memberId));
        });
    }
}
