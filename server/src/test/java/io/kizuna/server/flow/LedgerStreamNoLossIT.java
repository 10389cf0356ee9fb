package io.kizuna.server.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.analytics.stream.LedgerStreamPublisher;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalData;
import io.kizuna.api.member.RegisterMemberCommand;
import io.kizuna.member.PersonalDataCodec;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 6, "Integration stream": no ledger event is lost on the Kafka topic when the publisher (tracking
 * processor {@code ledger-stream}) starts after the events exist, nor when it is stopped and started
 * again while events keep being appended (as across a server restart: its position lives in PostgreSQL's
 * token store, and it resumes from there). Every event id stored after the test's starting point must
 * appear on the topic at least once.
 */
@KizunaIntegrationTest
class LedgerStreamNoLossIT {
    static final String TOPIC = "kizuna.ledger.events";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    CommandGateway commands;

    @Autowired
    PersonalDataCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    TrackingEventProcessor publisher() {
        return processing.eventProcessor(LedgerStreamPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow();
    }

    @AfterEach
    void publisherRunsAgain() {
        if (!publisher().isRunning()) {
            publisher().start();
        }
    }

    @Test
    @DisplayName("events appended while the publisher is stopped are all on the topic once it starts")
    void requestWhenPublisherStartsAfterEventsExistThenEveryEventPublished() throws Exception {
        try (KafkaConsumer<String, String> consumer = consumerAtEnd()) {
            long watermark = headIndex();
            publisher().shutDown();
            assertThat(publisher().isRunning()).isFalse();
            for (int i = 0; i < 150; i++) {
                register();
            }
            Set<String> stored = storedAfter(watermark);
            assertThat(stored).hasSizeGreaterThanOrEqualTo(150);
            publisher().start();
            awaitOnTopic(consumer, stored);
        }
    }

    @Test
    @DisplayName("stopping and starting the publisher repeatedly under load loses no event (at-least-once)")
    void requestWhenPublisherRestartedUnderLoadThenNoEventLost() throws Exception {
        try (KafkaConsumer<String, String> consumer = consumerAtEnd()) {
            long watermark = headIndex();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                while (!stop.get()) {
                    register();
                }
            }, "stream-no-loss-writer");
            writer.start();
            try {
                for (int restart = 0; restart < 4; restart++) {
                    long head = headIndex();
                    // let the publisher work on some of the new events, then stop it mid-stream
                    await().atMost(Duration.ofSeconds(60)).until(() -> headIndex() > head + 20);
                    publisher().shutDown();
                    long stoppedAt = headIndex();
                    await().atMost(Duration.ofSeconds(60)).until(() -> headIndex() > stoppedAt + 20);
                    publisher().start();
                }
            } finally {
                stop.set(true);
                writer.join(60_000);
            }
            Set<String> stored = storedAfter(watermark);
            assertThat(stored).hasSizeGreaterThanOrEqualTo(160);
            awaitOnTopic(consumer, stored);
        }
    }

    private void register() {
        MemberId member = MemberId.generate();
        commands.sendAndWait(new RegisterMemberCommand(member, codec.seal(member,
                new PersonalData("stream-" + UUID.randomUUID() + "@example.jp", false, "Stream", "en")),
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$bm90LXVzZWQ", "stream-test"));
    }

    private long headIndex() {
        Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        return head == null ? 0 : head;
    }

    private Set<String> storedAfter(long watermark) {
        return new HashSet<>(jdbc.queryForList("SELECT eventidentifier FROM domainevententry WHERE globalindex > ?",
                String.class, watermark));
    }

    /** A consumer positioned at the current end of every partition: it sees only what is published next. */
    private KafkaConsumer<String, String> consumerAtEnd() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before anything else is published
        return consumer;
    }

    private void awaitOnTopic(KafkaConsumer<String, String> consumer, Set<String> expected) {
        Set<String> missing = new HashSet<>(expected);
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                missing.remove(JSON.readTree(r.value()).get("eventId").asText());
            }
            return missing.isEmpty();
        });
        assertThat(missing).isEmpty();
    }
}
