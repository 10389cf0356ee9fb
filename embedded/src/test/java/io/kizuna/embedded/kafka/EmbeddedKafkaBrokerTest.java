package io.kizuna.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final int RECORDS = 100;
    private static final int KEYS = 10;

    @TempDir
    Path tmp;

    @org.junit.jupiter.api.BeforeAll
    static void quietKafkaLogs() {
        // the broker logs thousands of INFO lines per start; keep the test output readable
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    @Test
    void producesAndConsumesKeyedRecordsInPerKeyOrder() throws Exception {
        Set<Thread> threadsBefore = liveNonDaemonThreads();
        Path logDir;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(null, 0)) {
            report("cold start, temporary directory", broker.startupTime());
            logDir = broker.logDirectory();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + broker.port());

            createTopic(broker, "people", 3);
            produce(broker, "people");
            assertAllConsumedInPerKeyOrder(consumeAll(broker, "people"));
            System.out.println("[threads] non-daemon while running: " + liveNonDaemonThreads().stream()
                    .filter(t -> !threadsBefore.contains(t)).map(Thread::getName).sorted().toList());

            // auto topic creation, with the default partition count
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>("auto-created", "k", "v")).get(30, TimeUnit.SECONDS);
            }
            try (Admin admin = admin(broker)) {
                TopicDescription auto = admin.describeTopics(List.of("auto-created")).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get("auto-created");
                assertThat(auto.partitions()).hasSize(3);
            }
        }
        assertThat(logDir).doesNotExist();
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(liveNonDaemonThreads())
                .as("non-daemon threads left after close")
                .allSatisfy(t -> assertThat(threadsBefore).contains(t)));
    }

    @Test
    void restartOnTheSameLogDirectoryKeepsTopicsAndRecords() throws Exception {
        Path logDir = tmp.resolve("kafka");
        int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, 0)) {
            report("cold start (format), kept directory", broker.startupTime());
            port = broker.port();
            createTopic(broker, "people", 3);
            produce(broker, "people");
        }
        assertThat(logDir.resolve("meta.properties")).exists();
        assertThat(logDir.resolve(".kafka_cleanshutdown")).as("clean shutdown marker").exists();
        String metaBefore = Files.readString(logDir.resolve("meta.properties"));

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, port)) {
            report("restart, kept directory", broker.startupTime());
            assertThat(broker.port()).isEqualTo(port);
            try (Admin admin = admin(broker)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("people");
            }
            assertAllConsumedInPerKeyOrder(consumeAll(broker, "people"));
        }
        assertThat(Files.readString(logDir.resolve("meta.properties"))).isEqualTo(metaBefore);
    }

    @Test
    void restartsAfterThePreviousJvmWasKilled() throws Exception {
        Path logDir = tmp.resolve("kafka");
        Process child = startChild("crash", logDir);
        int port;
        try {
            port = Integer.parseInt(awaitLine(child, "READY ").trim());
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean broker shutdown
            child.waitFor(30, TimeUnit.SECONDS);
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, port)) {
            report("restart after kill -9 (log recovery)", broker.startupTime());
            assertAllConsumedInPerKeyOrder(consumeAll(broker, "people"));
        }
    }

    @Test
    void aClosedBrokerLetsTheJvmExit() throws Exception {
        Process child = startChild("clean", tmp.resolve("kafka"));
        awaitLine(child, "CLOSED");
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child JVM exited after main returned").isTrue();
        assertThat(child.exitValue()).isZero();
    }

    @Test
    void refusesALogDirectoryThatARunningBrokerUses() throws Exception {
        Path logDir = tmp.resolve("kafka");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logDir, 0)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedKafkaBroker.start(logDir, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
            createTopic(broker, "still-works", 1);
        }
    }

    private static Process startChild(String mode, Path logDir) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KafkaChildMain.class.getName(), mode, logDir.toString())
                .redirectErrorStream(true)
                .start();
    }

    private static String awaitLine(Process child, String prefix) throws Exception {
        java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(child.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                // keep draining so the child never blocks on a full pipe
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException ignored) {
                        // child gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return line.substring(prefix.length());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("child did not report " + prefix + ":\n" + seen);
    }

    private static void createTopic(EmbeddedKafkaBroker broker, String topic, int partitions) throws Exception {
        try (Admin admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic) throws Exception {
        try (KafkaProducer<String, String> producer = producer(broker)) {
            for (int i = 0; i < RECORDS; i++) {
                String key = "key-" + (i % KEYS);
                producer.send(new ProducerRecord<>(topic, key, key + ":" + (i / KEYS)));
            }
            producer.flush();
        }
    }

    private static List<ConsumerRecord<String, String>> consumeAll(EmbeddedKafkaBroker broker, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (records.size() < RECORDS && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // nothing beyond the 100 produced
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static void assertAllConsumedInPerKeyOrder(List<ConsumerRecord<String, String>> records) {
        assertThat(records).hasSize(RECORDS);
        Map<String, List<String>> valuesByKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            valuesByKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
        }
        assertThat(valuesByKey).hasSize(KEYS);
        valuesByKey.forEach((key, values) -> assertThat(values)
                .as("values of %s in order", key)
                .containsExactlyElementsOf(IntStream.range(0, RECORDS / KEYS).mapToObj(i -> key + ":" + i).toList()));
        // each key stays on one partition
        Map<String, Set<Integer>> partitionsByKey = new HashMap<>();
        records.forEach(r -> partitionsByKey.computeIfAbsent(r.key(), k -> new java.util.HashSet<>()).add(r.partition()));
        assertThat(partitionsByKey.values()).allSatisfy(parts -> assertThat(parts).hasSize(1));
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static Admin admin(EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    private static void report(String what, Duration took) {
        System.out.printf("[timing] Kafka %s: %d ms%n", what, took.toMillis());
    }
}
