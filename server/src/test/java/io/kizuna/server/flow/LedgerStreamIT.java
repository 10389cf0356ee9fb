package io.kizuna.server.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.analytics.index.MemberPseudonyms;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The integration stream: every event reaches Kafka keyed by aggregate, secrets withheld; indexing is idempotent. */
@KizunaIntegrationTest
class LedgerStreamIT {
    @Value("${kizuna.issuer}")
    String issuer;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    Producer<String, String> producer;

    @Autowired
    MemberPseudonyms pseudonyms;

    @Test
    @DisplayName("a member's registration is published keyed by member id, without the password hash or plaintext e-mail")
    void requestWhenMemberRegisteredThenEnvelopeOnKafkaWithoutSecrets() throws Exception {
        String email = "stream-" + UUID.randomUUID() + "@example.jp";
        String memberId = new Api(issuer).registerMember(email, "stream password 123", "Stream Tester");
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(java.util.List.of("kizuna.ledger.events"));
            ConsumerRecord<String, String>[] found = new ConsumerRecord[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (memberId.equals(r.key())) {
                        found[0] = r;
                    }
                }
                return found[0] != null;
            });
            JsonNode envelope = new ObjectMapper().readTree(found[0].value());
            assertThat(envelope.get("type").asText()).isEqualTo("member.registered");
            assertThat(envelope.get("revision").asText()).isEqualTo("1");
            assertThat(envelope.get("aggregateId").asText()).isEqualTo(memberId);
            assertThat(envelope.get("payload").has("passwordHash")).isFalse();
            assertThat(found[0].value()).doesNotContain(email).doesNotContain("argon2");
        }
    }

    @Test
    @DisplayName("a redelivered envelope overwrites its own document (id = event id): counts stay exact")
    void requestWhenEnvelopeRedeliveredThenDocumentOverwrittenNotDuplicated() throws Exception {
        String memberId = new Api(issuer).registerMember("dup-stream-" + UUID.randomUUID() + "@example.jp",
                "stream password 123", "Dup Tester");
        String[] eventId = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var hits = elasticsearch.search(s -> s.index("kizuna-events")
                    .query(q -> q.term(t -> t.field("member").value(pseudonyms.of(memberId)))), Map.class).hits().hits();
            if (hits.isEmpty()) {
                return false;
            }
            eventId[0] = hits.get(0).id();
            return true;
        });
        String duplicate = "{\"eventId\":\"" + eventId[0] + "\",\"type\":\"member.registered\",\"revision\":\"1\","
                + "\"occurredAt\":\"2026-11-26T00:00:00Z\",\"aggregateType\":\"Member\",\"aggregateId\":\"" + memberId
                + "\",\"sequence\":0,\"payload\":{\"memberId\":\"" + memberId + "\"}}";
        producer.send(new ProducerRecord<>("kizuna.ledger.events", memberId, duplicate)).get();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            GetResponse<Map> doc = elasticsearch.get(g -> g.index("kizuna-events").id(eventId[0]), Map.class);
            return doc.version() != null && doc.version() >= 2;
        });
        long count = elasticsearch.count(c -> c.index("kizuna-events")
                .query(q -> q.term(t -> t.field("member").value(pseudonyms.of(memberId))))).count();
        assertThat(count).isEqualTo(1);
    }
}
