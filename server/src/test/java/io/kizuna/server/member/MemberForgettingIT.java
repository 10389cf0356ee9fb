package io.kizuna.server.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalDataVault;
import io.kizuna.api.member.SealedPersonalData;
import io.kizuna.crypto.MasterKey;
import io.kizuna.member.JdbcPersonalDataVault;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Crypto-shredding end to end against the real PostgreSQL, Kafka and Elasticsearch: a member who signed
 * in and holds tokens is forgotten through the admin API; afterwards nothing anywhere opens their personal
 * data, their tokens are dead, their e-mail may register again, and the ledger still verifies.
 */
@KizunaIntegrationTest
class MemberForgettingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REDIRECT = "https://forget.example.jp/cb";

    @Value("${kizuna.issuer}")
    String issuer;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PersonalDataVault vault;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    io.kizuna.analytics.index.MemberPseudonyms pseudonyms;

    @Autowired
    MasterKey masterKey;

    @Test
    @DisplayName("forget: tokens dead, sealed data unopenable, read models empty, e-mail free, chain intact, Kafka and Elasticsearch clean")
    void requestWhenMemberForgottenThenPersonalDataUnrecoverableEverywhereAndLedgerVerifies() throws Exception {
        Api api = new Api(issuer);
        String[] client = api.registerWebClient(REDIRECT);
        String email = "forget-" + UUID.randomUUID() + "@example.jp";
        String name = "Forget Me " + UUID.randomUUID().toString().substring(0, 8);
        String password = "forget password 123";
        String memberId = api.registerMember(email, password, name);
        CodeFlow.Result flow = CodeFlow.run(issuer, client[0], REDIRECT, email, password, "openid profile email offline_access");
        JsonNode tokens = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type", "authorization_code",
                "code", flow.code(), "redirect_uri", REDIRECT, "code_verifier", flow.verifier())).json();
        String accessToken = tokens.get("access_token").asText();
        String refreshToken = tokens.get("refresh_token").asText();
        assertThat(api.get("/userinfo", accessToken).json().get("email").asText()).isEqualTo(email);
        CodeFlow.Result pending = CodeFlow.run(issuer, client[0], REDIRECT, email, password, "openid email");

        Api.Response forgotten = api.postJson("/admin/api/members/" + memberId + "/forget", Api.ADMIN_TOKEN, Map.of());
        assertThat(forgotten.status()).as(forgotten.raw().body()).isEqualTo(200);
        assertThat(forgotten.header("Cache-Control")).isEqualTo("no-store");
        assertThat(forgotten.json().get("member_id").asText()).isEqualTo(memberId);
        assertThat(forgotten.json().get("grants_revoked").asInt()).isEqualTo(2); // with tokens + code pending
        Instant forgottenAt = Instant.parse(forgotten.json().get("forgotten_at").asText());

        // tokens: UserInfo and introspection refuse at once, refresh is refused by the revoked grant
        Api.Response userinfo = api.get("/userinfo", accessToken);
        assertThat(userinfo.status()).isEqualTo(401);
        assertThat(userinfo.json().get("error").asText()).isEqualTo("invalid_token");
        assertThat(api.postForm("/oauth2/introspect", client[0], client[1], Map.of("token", accessToken))
                .json().get("active").asBoolean()).isFalse();
        Api.Response refresh = api.postForm("/oauth2/token", client[0], client[1],
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        assertThat(refresh.status()).isEqualTo(400);
        assertThat(refresh.json().get("error").asText()).isEqualTo("invalid_grant");
        Api.Response lateRedeem = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", pending.code(), "redirect_uri", REDIRECT, "code_verifier", pending.verifier()));
        assertThat(lateRedeem.status()).isEqualTo(400);
        assertThat(lateRedeem.json().get("error").asText()).isEqualTo("invalid_grant");

        // the ledger: the old events are untouched but their sealed data cannot be opened any more
        JsonNode registered = JSON.readTree(jdbc.queryForObject("SELECT payload FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND sequencenumber = 0", byte[].class, memberId));
        SealedPersonalData sealed = JSON.treeToValue(registered.get("personalData"), SealedPersonalData.class);
        assertThat(vault.open(new MemberId(memberId), sealed)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT wrapped_key IS NULL AND destroyed_at IS NOT NULL FROM member_data_key"
                + " WHERE member_id = ?", Boolean.class, memberId)).isTrue();
        List<byte[]> payloads = jdbc.queryForList("SELECT payload FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE ?",
                byte[].class, "%" + memberId + "%");
        assertThat(payloads).isNotEmpty().allSatisfy(p -> assertThat(new String(p, StandardCharsets.UTF_8))
                .doesNotContain(email).doesNotContainIgnoringCase(name));
        JsonNode forgottenEvent = JSON.readTree(jdbc.queryForObject("SELECT payload FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%MemberForgotten'", byte[].class, memberId));
        assertThat(forgottenEvent.get("keyId").asText()).isEqualTo(sealed.keyId());

        // read models: no profile, no login row; the same e-mail can register again
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_profile WHERE member_id = ?", Long.class, memberId))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_credential WHERE member_id = ?", Long.class,
                memberId)).isZero();
        assertThat(api.registerMember(email, "another password 456", "Someone New")).isNotEqualTo(memberId);

        // the chain: once the sealer has passed MemberForgotten, the whole ledger still verifies
        long forgottenIndex = jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype LIKE '%MemberForgotten'", Long.class, memberId);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ledger_seal WHERE global_index = ?", Long.class, forgottenIndex) == 1);
        JsonNode report = api.postJson("/admin/api/ledger/verify", Api.ADMIN_TOKEN, Map.of()).json();
        assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();

        // Kafka: what was published about the member after forgetting (and before) reveals nothing personal
        List<ConsumerRecord<String, String>> published = recordsKeyed(memberId, "member.forgotten");
        assertThat(published).allSatisfy(r -> assertThat(r.value()).doesNotContain(email).doesNotContain(name));
        JsonNode forgottenEnvelope = published.stream().map(r -> read(r.value()))
                .filter(e -> "member.forgotten".equals(e.get("type").asText())).findFirst().orElseThrow();
        assertThat(Instant.parse(forgottenEnvelope.get("occurredAt").asText()))
                .isBetween(forgottenAt.minusSeconds(1), forgottenAt.plusSeconds(1)); // the stream has millisecond precision
        assertThat(forgottenEnvelope.get("payload").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("memberId", "keyId", "requestedVia", "forgottenAt");

        // Elasticsearch: every document about the member, the forgetting included, is free of personal data
        String forgottenEventId = forgottenEnvelope.get("eventId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> elasticsearch.get(g -> g.index("kizuna-events")
                .id(forgottenEventId), Map.class).found());
        List<Hit<Map>> documents = elasticsearch.search(s -> s.index("kizuna-events").size(100)
                .query(q -> q.term(t -> t.field("member").value(pseudonyms.of(memberId)))), Map.class).hits().hits();
        assertThat(documents).hasSizeGreaterThanOrEqualTo(3); // registered, login, forgotten (+ grant events)
        assertThat(documents).allSatisfy(d -> assertThat(JSON.writeValueAsString(d.source()))
                .doesNotContain(email).doesNotContain(name).doesNotContain(memberId));
    }

    @Test
    @DisplayName("another node that cached the member's key stops opening their data once its cache entry expires")
    void requestWhenForgottenOnOneNodeThenOtherNodesCachedKeyExpires() throws Exception {
        Api api = new Api(issuer);
        String memberId = api.registerMember("node-" + UUID.randomUUID() + "@example.jp", "node password 123", "Node");
        JsonNode registered = JSON.readTree(jdbc.queryForObject("SELECT payload FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND sequencenumber = 0", byte[].class, memberId));
        SealedPersonalData sealed = JSON.treeToValue(registered.get("personalData"), SealedPersonalData.class);
        MovableClock otherNodeClock = new MovableClock(Instant.now());
        JdbcPersonalDataVault otherNode = new JdbcPersonalDataVault(jdbc, masterKey, otherNodeClock);
        assertThat(otherNode.open(new MemberId(memberId), sealed)).as("cached on the other node").isPresent();

        assertThat(api.postJson("/admin/api/members/" + memberId + "/forget", Api.ADMIN_TOKEN, Map.of()).status())
                .isEqualTo(200);
        assertThat(vault.open(new MemberId(memberId), sealed)).as("the node that forgot").isEmpty();
        otherNodeClock.advance(JdbcPersonalDataVault.CACHE_TTL.plusSeconds(1));
        assertThat(otherNode.open(new MemberId(memberId), sealed)).as("the other node after the cache lifetime").isEmpty();
    }

    @Test
    @DisplayName("forgetting twice answers the first instant and appends nothing more")
    void requestWhenForgottenTwiceThenSameInstantAndOneEvent() throws Exception {
        Api api = new Api(issuer);
        String memberId = api.registerMember("twice-" + UUID.randomUUID() + "@example.jp", "twice password 123", "Twice");
        Api.Response first = api.postJson("/admin/api/members/" + memberId + "/forget", Api.ADMIN_TOKEN, Map.of());
        Api.Response second = api.postJson("/admin/api/members/" + memberId + "/forget", Api.ADMIN_TOKEN, Map.of());
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("forgotten_at").asText()).isEqualTo(first.json().get("forgotten_at").asText());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND payloadtype LIKE '%MemberForgotten'", Long.class, memberId)).isEqualTo(1);
    }

    @Test
    @DisplayName("forgetting an unknown member → 404 member_not_found; without the admin token → 401")
    void requestWhenForgetUnknownMemberThenNotFound() throws Exception {
        Api api = new Api(issuer);
        Api.Response unknown = api.postJson("/admin/api/members/" + UUID.randomUUID() + "/forget", Api.ADMIN_TOKEN,
                Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("member_not_found");
        Api.Response anonymous = api.postJson("/admin/api/members/" + UUID.randomUUID() + "/forget", null, Map.of());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("error").asText()).isEqualTo("invalid_token");
    }

    /** Every record keyed {@code key} from the start of the topic, once one of type {@code untilType} arrived. */
    private List<ConsumerRecord<String, String>> recordsKeyed(String key, String untilType) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("kizuna.ledger.events"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
                return found.stream().anyMatch(r -> untilType.equals(read(r.value()).get("type").asText()));
            });
        }
        return found;
    }

    /** A second node's clock, moved by the test instead of waited for. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
