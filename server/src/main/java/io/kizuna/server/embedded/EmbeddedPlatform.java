package io.kizuna.server.embedded;

import io.kizuna.embedded.elasticsearch.EmbeddedElasticsearch;
import io.kizuna.embedded.kafka.EmbeddedKafkaBroker;
import io.kizuna.embedded.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real servers of the embedded default and of the tests, started side by side: PostgreSQL from
 * Maven Central binaries, a KRaft Kafka broker in this JVM, Elasticsearch in a child JVM.
 */
public final class EmbeddedPlatform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPlatform.class);

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;
    private final EmbeddedElasticsearch elasticsearch;

    private EmbeddedPlatform(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka,
                             EmbeddedElasticsearch elasticsearch) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
    }

    /**
     * @param dataDir where each server keeps its data ({@code postgres/}, {@code kafka/},
     *                {@code elasticsearch/}); null for throw-away directories (tests)
     * @param ports   fixed ports, or 0 each for free ones
     */
    public static EmbeddedPlatform start(Path dataDir, Ports ports) {
        long started = System.nanoTime();
        // Own threads with this class's loader as context loader: Kafka loads classes by name through
        // it, and the common pool's threads would carry the system loader, which cannot see the
        // nested jars of the executable server jar.
        ClassLoader loader = EmbeddedPlatform.class.getClassLoader();
        java.util.concurrent.ExecutorService starter = java.util.concurrent.Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "kizuna-embedded-start");
            t.setContextClassLoader(loader);
            return t;
        });
        try {
            return start(dataDir, ports, starter, started);
        } finally {
            starter.shutdown();
        }
    }

    private static EmbeddedPlatform start(Path dataDir, Ports ports, java.util.concurrent.Executor starter,
                                          long started) {
        CompletableFuture<EmbeddedElasticsearch> es = CompletableFuture.supplyAsync(() ->
                EmbeddedElasticsearch.start(EmbeddedElasticsearch.locateRuntimeLibDir(),
                        dataDir == null ? tempDir("kizuna-es") : dataDir.resolve("elasticsearch"),
                        ports.elasticsearch(), Duration.ofSeconds(120)), starter);
        CompletableFuture<EmbeddedPostgresServer> pg = CompletableFuture.supplyAsync(() ->
                EmbeddedPostgresServer.start(dataDir == null ? null : dataDir.resolve("postgres"), ports.postgres()),
                starter);
        CompletableFuture<EmbeddedKafkaBroker> kafka = CompletableFuture.supplyAsync(() ->
                EmbeddedKafkaBroker.start(dataDir == null ? null : dataDir.resolve("kafka"), ports.kafka()), starter);
        try {
            CompletableFuture.allOf(es, pg, kafka).join();
        } catch (RuntimeException e) {
            closeQuietly(es);
            closeQuietly(pg);
            closeQuietly(kafka);
            throw new IllegalStateException("the embedded platform failed to start: " + e.getMessage(), e);
        }
        EmbeddedPlatform platform = new EmbeddedPlatform(pg.join(), kafka.join(), es.join());
        LOG.info("Embedded PostgreSQL, Kafka and Elasticsearch up in {} ms: {}",
                (System.nanoTime() - started) / 1_000_000, platform.springProperties());
        return platform;
    }

    /** The properties that point the application at these servers. */
    public Map<String, String> springProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", postgres.jdbcUrl());
        p.put("spring.datasource.username", postgres.username());
        p.put("spring.datasource.password", postgres.password());
        p.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("kizuna.analytics.elasticsearch-url", elasticsearch.httpUrl());
        return p;
    }

    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    public EmbeddedElasticsearch elasticsearch() {
        return elasticsearch;
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {elasticsearch, kafka, postgres}) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", c, e);
            }
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void closeQuietly(CompletableFuture<? extends AutoCloseable> future) {
        future.thenAccept(c -> {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing
            }
        });
    }

    /** Ports of the three servers; 0 picks a free one. */
    public record Ports(int postgres, int kafka, int elasticsearch) {
        public static final Ports FREE = new Ports(0, 0, 0);
    }
}
