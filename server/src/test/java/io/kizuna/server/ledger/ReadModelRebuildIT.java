package io.kizuna.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientType;
import io.kizuna.api.client.RegisterClientCommand;
import io.kizuna.api.consent.GrantConsentCommand;
import io.kizuna.api.consent.RevokeConsentCommand;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.IssueAuthorizationCodeCommand;
import io.kizuna.api.grant.RedeemAuthorizationCodeCommand;
import io.kizuna.api.grant.RevokeAccessTokenCommand;
import io.kizuna.api.grant.RevokeGrantCommand;
import io.kizuna.api.grant.RotateRefreshTokenCommand;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalData;
import io.kizuna.api.member.RegisterMemberCommand;
import io.kizuna.api.session.EndSessionCommand;
import io.kizuna.api.session.StartSessionCommand;
import io.kizuna.api.token.FindTokenQuery;
import io.kizuna.api.token.TokenView;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.grant.TokenSet;
import io.kizuna.member.MemberForgetting;
import io.kizuna.member.PersonalDataCodec;
import io.kizuna.server.rebuild.ReadModelCatalog;
import io.kizuna.server.rebuild.ReadModelRebuilder;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import io.kizuna.server.support.Pkce;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 6, "Replay": every read model is rebuilt from the ledger while the server serves, and the
 * rebuilt model equals the live one row by row. The history is built through the real command bus
 * (the same aggregates, validation and in-transaction projections as the HTTP endpoints, minus HTTP
 * and password hashing, which only slow the setup): members, clients, sessions, consents, code grants
 * with PKCE (RFC 7636), refresh rotation (RFC 6749 §6), revocations (RFC 7009) and forgotten members.
 *
 * <p>{@code -Dkizuna.rebuild.events=N} sets the history size (default 100,000 events).
 */
@KizunaIntegrationTest
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ReadModelRebuildIT {
    static final int EVENTS = Integer.getInteger("kizuna.rebuild.events", 100_000);
    static final int THREADS = 8;
    static final String PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$cmVidWlsZC10ZXN0LWhhc2gtbm90LXVzZWQ";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    CommandGateway commands;

    @Autowired
    QueryGateway queries;

    @Autowired
    PersonalDataCodec codec;

    @Autowired
    MemberForgetting forgetting;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReadModelRebuilder rebuilder;

    @Autowired
    ApplicationContext context;

    @Autowired
    javax.sql.DataSource dataSource;

    @Autowired
    EventProcessingConfiguration processing;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Autowired
    org.axonframework.eventsourcing.eventstore.EventStorageEngine storageEngine;

    @Test
    @DisplayName("every event handler of the in-transaction groups is a rebuilt read model or excluded with a reason")
    void catalogueCoversEveryInTransactionHandler() {
        Set<Class<?> > rebuilt = ReadModelCatalog.PROJECTIONS.stream().map(ReadModelCatalog.Projection::type)
                .collect(Collectors.toSet());
        List<Class<?>> handlers = context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                .map(AopUtils::getTargetClass)
                .filter(c -> ReadModelCatalog.IN_TRANSACTION_GROUPS.contains(c.getAnnotation(ProcessingGroup.class).value()))
                .toList();
        assertThat(handlers).hasSizeGreaterThanOrEqualTo(rebuilt.size());
        assertThat(handlers).allMatch(c -> rebuilt.contains(c) || ReadModelCatalog.NOT_REBUILT.containsKey(c));
        assertThat(rebuilt).allMatch(handlers::contains);
        for (ReadModelCatalog.Table t : ReadModelCatalog.tables()) {
            assertThat(rebuilder.primaryKey(t.name())).as(t.name()).isNotEmpty();
            // a sequence default belongs to the live table: the swap drops it with the old table
            assertThat(jdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE table_schema = "
                    + "'public' AND table_name = ? AND column_default LIKE 'nextval%'", String.class, t.name()))
                    .as("columns of %s filled from a sequence", t.name()).isEmpty();
        }
    }

    @Test
    @DisplayName("RFC 6750 §3.1: the rebuild API refuses a request without the admin token (401 invalid_token)")
    void requestWithoutAdminTokenThen401() throws Exception {
        Api api = new Api(issuer);
        Api.Response response = api.postJson("/admin/api/read-models/rebuild", null, Map.of());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("error").asText()).isEqualTo("invalid_token");
        assertThat(api.postJson("/admin/api/read-models/rebuild", "wrong", Map.of()).status()).isEqualTo(401);
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    @DisplayName("a writer holding a live table makes the swap wait and retry, not fail: the writer commits, the rebuild completes")
    void requestWhenWriterHoldsTableAtSwapThenRebuildRetriesAndCompletes() throws Exception {
        // earlier tests in this JVM may have edited read models directly (an aged session, a key's overlap
        // cut short): a first rebuild aligns them with the ledger, so the comparison below is about the swap
        rebuild(new Api(issuer), false);
        java.util.concurrent.CompletableFuture<JsonNode> rebuilt;
        try (java.sql.Connection writer = dataSource.getConnection()) {
            writer.setAutoCommit(false);
            try (var st = writer.createStatement()) {
                // what an appending transaction holds on a read model it has written and not yet committed
                st.execute("LOCK TABLE public.member_session IN ROW EXCLUSIVE MODE");
            }
            Api api = new Api(issuer);
            rebuilt = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return rebuild(api, true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // the swap's LOCK waits on us, gives up after its lock_timeout, and asks again: see two attempts
            Set<Object> attempts = new java.util.HashSet<>();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
                attempts.addAll(jdbc.queryForList("SELECT query_start FROM pg_stat_activity WHERE wait_event_type = "
                        + "'Lock' AND query LIKE 'LOCK TABLE public.token_lookup%'", Object.class));
                return attempts.size() >= 2;
            });
            writer.commit();
        }
        JsonNode report = rebuilt.get(2, TimeUnit.MINUTES);
        assertThat(report.get("lockAttempts").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(report.get("matchesLive").asBoolean()).as(report.toString()).isTrue();
    }

    @Test
    @DisplayName("≥100,000 events: rebuilt under concurrent traffic equals live at the swap, and a full replay equals the live model afterwards, row by row")
    void rebuildWhileServingThenRebuiltEqualsLive() throws Exception {
        Api api = new Api(issuer);
        // other tests in this JVM may have written straight into the store (e.g. an old event revision);
        // a first rebuild aligns the read models with the ledger as it is
        JsonNode first = rebuild(api, false);
        System.out.println("[rebuild-it] first rebuild, at rest: " + first);
        assertThat(first.get("eventsReplayed").asLong()).isPositive();
        assertThat(first.has("matchesLive")).isFalse();

        long before = eventCount();
        List<ClientId> clients = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ClientId client = new ClientId("rebuild-" + i + "-" + TokenHashes.randomValue(6));
            commands.sendAndWait(new RegisterClientCommand(client, "Rebuild app " + i, ClientType.CONFIDENTIAL,
                    TokenHashes.sha256("secret-" + i), "client_secret_basic", List.of("https://app" + i + ".example/cb"),
                    List.of("authorization_code", "refresh_token"), List.of("profile", "api.read", "api.write"),
                    "https://app" + i + ".example", ClientRegistered.OPAQUE, null));
            clients.add(client);
        }
        Queue<String> accessHashes = new ConcurrentLinkedQueue<>();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            while (eventCount() - before < EVENTS) {
                long missing = EVENTS - (eventCount() - before);
                List<Future<?>> batch = new ArrayList<>();
                for (long i = 0; i < Math.max(THREADS, missing / 34 + 1); i++) {
                    batch.add(pool.submit(() -> member(clients, accessHashes)));
                }
                for (Future<?> f : batch) {
                    f.get(10, TimeUnit.MINUTES);
                }
            }
        } finally {
            pool.shutdown();
        }
        long history = eventCount() - before;
        System.out.printf("[rebuild-it] history: %d events through the command bus in %.1f s (%d threads)%n", history,
                (System.nanoTime() - t0) / 1e9, THREADS);
        assertThat(history).isGreaterThanOrEqualTo(EVENTS);

        // concurrent traffic during the rebuild: writers keep appending, readers keep introspecting
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<String> known = new ArrayList<>(accessHashes);
        ExecutorService traffic = Executors.newFixedThreadPool(2);
        traffic.submit(() -> { // one writer: new member histories, as above
            while (!stop.get()) {
                try {
                    member(clients, accessHashes);
                    written.incrementAndGet();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }
        });
        traffic.submit(() -> { // one reader: introspection's lookup (RFC 7662 §2.2) of tokens issued before
            while (!stop.get()) {
                try {
                    String hash = known.get(ThreadLocalRandom.current().nextInt(known.size()));
                    Optional<TokenView> token = queries.query(new FindTokenQuery(hash),
                            ResponseTypes.optionalInstanceOf(TokenView.class)).join();
                    if (token.isEmpty()) {
                        throw new AssertionError("token " + hash + " vanished from the live read model");
                    }
                    reads.incrementAndGet();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }
        });
        JsonNode report;
        long writtenAtStart = written.get();
        long readsAtStart = reads.get();
        try {
            report = rebuild(api, true);
        } finally {
            long writtenDuring = written.get() - writtenAtStart;
            long readsDuring = reads.get() - readsAtStart;
            stop.set(true);
            traffic.shutdown();
            assertThat(traffic.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            System.out.printf("[rebuild-it] during the rebuild: %d member histories written, %d token reads%n",
                    writtenDuring, readsDuring);
            assertThat(writtenDuring).as("writes served during the rebuild").isPositive();
            assertThat(readsDuring).as("reads served during the rebuild").isPositive();
        }
        assertThat(failures).as("requests failed during the rebuild").isEmpty();
        System.out.println("[rebuild-it] rebuild under traffic: " + report);
        assertThat(report.get("eventsReplayed").asLong()).isGreaterThanOrEqualTo(before + history - 1000);
        assertThat(report.get("matchesLive").asBoolean()).as("rebuilt = live inside the swap: " + report.get("differences"))
                .isTrue();
        assertThat(report.get("rows").size()).isEqualTo(ReadModelCatalog.tables().size());

        // the swapped-in tables go on being maintained by the live handlers; a full replay now equals them
        Map<String, List<String>> live = snapshot();
        assertThat(live.get("token_lookup")).hasSizeGreaterThan(EVENTS / 10);
        JsonNode second = rebuild(api, false); // the comparison is the row-by-row one below
        System.out.println("[rebuild-it] rebuild at rest: " + second);
        Map<String, List<String>> rebuilt = snapshot();
        for (String table : live.keySet()) {
            assertThat(rebuilt.get(table)).as(table).hasSameSizeAs(live.get(table));
            assertThat(rebuilt.get(table)).as(table).containsExactlyElementsOf(live.get(table));
        }
        assertThat(second.get("eventsReplayed").asLong()).isGreaterThanOrEqualTo(report.get("eventsReplayed").asLong());

        // figure for docs/benchmarks: reading and upcasting the whole store alone, no projection
        long r0 = System.nanoTime();
        long read;
        try (var all = storageEngine.readEvents(null, false)) {
            read = all.count();
        }
        double readSeconds = (System.nanoTime() - r0) / 1e9;
        System.out.printf("[rebuild-it] event store read alone: %d events in %.2f s = %.0f events/s%n", read,
                readSeconds, read / readSeconds);
        awaitBackgroundCatchUp();
        assertThat(jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%' "
                + "OR nspname LIKE 'retired\\_%'", String.class)).as("no schema left behind").isEmpty();
    }

    /**
     * The tracking processors (hash chain, Kafka publisher) and the Elasticsearch indexer work through this
     * large history in the background; the tests after this one in the JVM expect them to be current.
     */
    private void awaitBackgroundCatchUp() {
        long t0 = System.nanoTime();
        long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        for (String name : List.of("ledger-seal", "ledger-stream")) {
            TrackingEventProcessor processor = processing.eventProcessor(name, TrackingEventProcessor.class)
                    .orElseThrow();
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    processor.processingStatus().values().stream().allMatch(s ->
                            s.getCurrentPosition().orElse(-1) >= head));
        }
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("kizuna-analytics-v2").partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet().stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
                return !committed.isEmpty() && committed.entrySet().stream()
                        .allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset());
            });
        }
        System.out.printf("[rebuild-it] background processors and indexer caught up after another %.1f s%n",
                (System.nanoTime() - t0) / 1e9);
    }

    private JsonNode rebuild(Api api, boolean compare) throws Exception {
        Api.Response response = api.postJson("/admin/api/read-models/rebuild" + (compare ? "?compare=true" : ""),
                Api.ADMIN_TOKEN, Map.of());
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    /** Every catalogued table, each row as JSON, ordered by primary key. */
    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (ReadModelCatalog.Table t : ReadModelCatalog.tables()) {
            String order = String.join(", ", rebuilder.primaryKey(t.name()));
            tables.put(t.name(), jdbc.queryForList("SELECT row_to_json(x)::text FROM " + t.name() + " x ORDER BY "
                    + order, String.class));
        }
        return tables;
    }

    /** One member's history, about 34 events: registration, session, consent, four code grants and their fates. */
    private void member(List<ClientId> clients, Queue<String> accessHashes) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        MemberId member = MemberId.generate();
        ClientId client = clients.get(random.nextInt(clients.size()));
        commands.sendAndWait(new RegisterMemberCommand(member, codec.seal(member,
                new PersonalData("m-" + member.value() + "@rebuild.example", false, "Member " + member.value(), "ja")),
                PASSWORD_HASH, "rebuild-test"));
        String session = java.util.UUID.randomUUID().toString();
        commands.sendAndWait(new StartSessionCommand(session, member, TokenHashes.sha256(TokenHashes.randomValue(32)),
                List.of("pwd"), "1", client.value(), Instant.now().plus(8, ChronoUnit.HOURS)));
        commands.sendAndWait(new GrantConsentCommand(GrantConsentCommand.consentIdOf(member, client), member, client,
                List.of("profile", "api.read")));
        for (int g = 0; g < 4; g++) {
            GrantId grant = GrantId.generate();
            Pkce pkce = Pkce.generate();
            String code = TokenHashes.randomValue(32);
            String redirect = "https://app.example/cb";
            commands.sendAndWait(new IssueAuthorizationCodeCommand(grant, client, member, session,
                    TokenHashes.sha256(code), redirect, List.of("profile", "api.read"), pkce.challenge(), "S256", null,
                    List.of("pwd"), Instant.now(), Instant.now().plusSeconds(60)));
            TokenSet issued = commands.sendAndWait(new RedeemAuthorizationCodeCommand(grant, client,
                    TokenHashes.sha256(code), redirect, pkce.verifier(), true, ClientRegistered.OPAQUE));
            assertThat(issued.accepted()).isTrue();
            TokenSet rotated = commands.sendAndWait(new RotateRefreshTokenCommand(grant, client,
                    TokenHashes.sha256(issued.refreshToken()), List.of("api.read"), ClientRegistered.OPAQUE));
            assertThat(rotated.accepted()).isTrue();
            accessHashes.add(TokenHashes.sha256(rotated.accessToken()));
            if (g == 1) {
                commands.sendAndWait(new RevokeAccessTokenCommand(grant, client, TokenHashes.sha256(issued.accessToken()),
                        "rfc7009"));
            } else if (g == 3) {
                commands.sendAndWait(new RevokeGrantCommand(grant, client, "rfc7009"));
            }
        }
        commands.sendAndWait(new EndSessionCommand(session, member, "signed_out"));
        int fate = random.nextInt(25);
        if (fate == 0) {
            forgetting.forget(member, "rebuild-test");
        } else if (fate < 4) {
            commands.sendAndWait(new RevokeConsentCommand(GrantConsentCommand.consentIdOf(member, client), member, client));
        }
    }
}
