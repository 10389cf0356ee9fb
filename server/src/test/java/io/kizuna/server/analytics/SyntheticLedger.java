package io.kizuna.server.analytics;

import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes ledger envelopes with chosen timestamps to the integration topic, exactly as the publisher
 * shapes them, so a test controls days and weeks; the indexer consumes them like real ones.
 */
public final class SyntheticLedger {
    static final String TOPIC = "kizuna.ledger.events";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Producer<String, String> producer;
    private final List<String> eventIds = new ArrayList<>();

    public SyntheticLedger(Producer<String, String> producer) {
        this.producer = producer;
    }

    public String registered(String memberId, String via, String at) throws Exception {
        ObjectNode p = JSON.createObjectNode().put("memberId", memberId).put("registeredVia", via).put("registeredAt", at);
        p.putObject("personalData").put("ciphertext", "c2VhbGVk");
        return publish(UUID.randomUUID().toString(), "member.registered", "Member", memberId, at, p);
    }

    public String login(String memberId, String service, String at, String... amr) throws Exception {
        ObjectNode p = JSON.createObjectNode().put("memberId", memberId).put("sessionId", UUID.randomUUID().toString())
                .put("clientId", service).put("acr", "1").put("at", at);
        var array = p.putArray("amr");
        for (String a : amr) {
            array.add(a);
        }
        return publish(UUID.randomUUID().toString(), "member.login.succeeded", "Member", memberId, at, p);
    }

    /** A sign-in the server placed in {@code region} (kizuna.regions), or in none when null. */
    public String loginFrom(String memberId, String service, String at, String region, String... amr) throws Exception {
        ObjectNode p = JSON.createObjectNode().put("memberId", memberId).put("sessionId", UUID.randomUUID().toString())
                .put("clientId", service).put("acr", "1").put("at", at).put("region", region);
        var array = p.putArray("amr");
        for (String a : amr) {
            array.add(a);
        }
        return publish(UUID.randomUUID().toString(), "member.login.succeeded", "Member", memberId, at, p);
    }

    public String loginFailedFrom(String memberId, String service, String at, String region) throws Exception {
        ObjectNode p = JSON.createObjectNode().put("memberId", memberId).put("clientId", service)
                .put("reason", "bad_password").put("at", at).put("region", region);
        return publish(UUID.randomUUID().toString(), "member.login.failed", "Member", memberId, at, p);
    }

    public String loginFailed(String memberId, String service, String at) throws Exception {
        ObjectNode p = JSON.createObjectNode().put("memberId", memberId).put("clientId", service)
                .put("reason", "bad_password").put("at", at);
        return publish(UUID.randomUUID().toString(), "member.login.failed", "Member", memberId, at, p);
    }

    public String consent(String memberId, String client, String at) throws Exception {
        ObjectNode p = JSON.createObjectNode().put("consentId", memberId + "/" + client).put("memberId", memberId)
                .put("clientId", client).put("grantedAt", at);
        p.putArray("scopes").add("openid");
        return publish(UUID.randomUUID().toString(), "consent.granted", "Consent", memberId + "/" + client, at, p);
    }

    public String token(String memberId, String client, String grantType, String at) throws Exception {
        String grant = UUID.randomUUID().toString();
        ObjectNode p = JSON.createObjectNode().put("grantId", grant).put("clientId", client).put("memberId", memberId)
                .put("grantType", grantType).put("format", "jwt").put("jti", UUID.randomUUID().toString())
                .put("issuedAt", at);
        return publish(UUID.randomUUID().toString(), "grant.access_token.issued", "Grant", grant, at, p);
    }

    public String clientToken(String client, String at) throws Exception {
        String grant = UUID.randomUUID().toString();
        ObjectNode p = JSON.createObjectNode().put("grantId", grant).put("clientId", client).putNull("memberId")
                .put("grantType", "client_credentials").put("format", "opaque").put("issuedAt", at);
        return publish(UUID.randomUUID().toString(), "grant.access_token.issued", "Grant", grant, at, p);
    }

    /** Sends an envelope again, as Kafka's at-least-once delivery may. */
    public String publish(String eventId, String type, String aggregateType, String aggregateId, String at, ObjectNode payload)
            throws Exception {
        ObjectNode envelope = JSON.createObjectNode().put("eventId", eventId).put("type", type).put("revision", "1")
                .put("occurredAt", Instant.parse(at).toString()).put("aggregateType", aggregateType)
                .put("aggregateId", aggregateId).put("sequence", 0);
        envelope.set("payload", payload);
        producer.send(new ProducerRecord<>(TOPIC, aggregateId, JSON.writeValueAsString(envelope))).get();
        if (!eventIds.contains(eventId)) {
            eventIds.add(eventId);
        }
        return eventId;
    }

    /** Waits until every event published so far is searchable. */
    public void awaitIndexed(ElasticsearchClient elasticsearch) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            // the indices appear with the first indexed batch
            elasticsearch.indices().refresh(r -> r.index("kizuna-events", "kizuna-activity")
                    .ignoreUnavailable(true).allowNoIndices(true));
            return elasticsearch.count(c -> c.index("kizuna-events").ignoreUnavailable(true).allowNoIndices(true)
                    .query(q -> q.ids(i -> i.values(eventIds)))).count() == eventIds.size();
        });
    }
}
