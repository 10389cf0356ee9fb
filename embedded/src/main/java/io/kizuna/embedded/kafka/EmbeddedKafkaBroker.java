package io.kizuna.embedded.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft, combined broker + controller) running inside this JVM, from the
 * Kafka server jars of the same version as the clients. For the embedded default (log directory kept
 * between runs) and tests (a temporary directory deleted on close).
 *
 * <p>Both listeners bind to 127.0.0.1 only, in plaintext without authentication: development/test only.
 * The client listener is the given (or a free) port; the controller listener always takes a free port,
 * which is fine for a static single-voter quorum because voter endpoints are not persisted.
 *
 * <p>While it runs, Kafka's ~45 threads are non-daemon: a caller that starts the broker and then fails
 * (e.g. its Spring context does not start) must {@link #close()} it, or the JVM stays up. After
 * {@code close()} none is left. A JVM shutdown hook closes the broker on a normal exit or SIGTERM, so
 * that the next start finds a cleanly shut down log directory. After {@code kill -9} the next start
 * recovers the logs and takes ~10 s longer: the controller waits for the dead broker's session to expire.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final String META_PROPERTIES = "meta.properties";
    /** Written by Kafka's LogManager on a clean shutdown, removed while running. */
    private static final String CLEAN_SHUTDOWN_FILE = ".kafka_cleanshutdown";
    /**
     * Our own lock, taken before Kafka starts: with the metadata log in the data directory, Kafka's raft
     * layer does not lock it, and a second server's controller would write to it before its LogManager
     * finds the directory's {@code .lock} taken.
     */
    private static final String LOCK_FILE = "embedded-kafka.lock";
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger RUNNING = new AtomicInteger();

    private final KafkaRaftServer server;
    private final Path logDirectory;
    private final boolean temporary;
    private final int port;
    private final Duration startupTime;
    private final Thread shutdownHook;
    private final DirectoryLock lock;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path logDirectory, boolean temporary, int port,
                                Duration startupTime, DirectoryLock lock) {
        this.server = server;
        this.lock = lock;
        this.logDirectory = logDirectory;
        this.temporary = temporary;
        this.port = port;
        this.startupTime = startupTime;
        this.shutdownHook = new Thread(this::close, "embedded-kafka-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a broker with the default settings ({@link Builder}) and returns once it answers
     * {@code describeCluster}.
     *
     * @param logDir where topics and the metadata log live, kept between runs; {@code null} for a
     *               temporary directory deleted on {@link #close()}
     * @param port   the client port on 127.0.0.1, or 0 for a free one
     */
    public static EmbeddedKafkaBroker start(Path logDir, int port) {
        return builder().logDirectory(logDir).port(port).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Wall time {@link #start} took, including formatting a new log directory and the readiness check. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Shuts the broker and controller down and waits for them (bounded: gives up after 60 s rather than
     * hang); deletes the log directory if it was temporary. Idempotent; also run by a JVM shutdown hook.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // called from the hook itself
        }
        long t0 = System.nanoTime();
        boolean stopped = stop(server, SHUTDOWN_TIMEOUT);
        RUNNING.decrementAndGet();
        LOG.info("Kafka broker on port {} stopped in {} ms", port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        if (stopped) {
            lock.release();
        }
        if (temporary && stopped) {
            deleteQuietly(logDirectory);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers() + ", logDirectory=" + logDirectory + "]";
    }

    /** Settings; the defaults suit a 2-core development box. */
    public static final class Builder {
        private Path logDirectory;
        private int port;
        private int numPartitions = 3;
        private Duration startupTimeout = Duration.ofSeconds(120);
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** Kept between runs; {@code null} (default) for a temporary directory deleted on close. */
        public Builder logDirectory(Path logDirectory) {
            this.logDirectory = logDirectory;
            return this;
        }

        /** Client port on 127.0.0.1, 0 (default) for a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** {@code num.partitions} for auto-created topics and topics created without a count (default 3). */
        public Builder numPartitions(int numPartitions) {
            if (numPartitions < 1) {
                throw new IllegalArgumentException("numPartitions must be positive");
            }
            this.numPartitions = numPartitions;
            return this;
        }

        /** Bounds both the server start and the wait for it to answer an admin client. */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout);
            return this;
        }

        /** Any other broker/controller property; applied last, so it can override the defaults. */
        public Builder brokerProperty(String key, String value) {
            overrides.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        public EmbeddedKafkaBroker start() {
            long t0 = System.nanoTime();
            boolean temporary = logDirectory == null;
            Path dir;
            try {
                dir = temporary ? Files.createTempDirectory("kizuna-kafka-") : logDirectory.toAbsolutePath();
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("could not create the Kafka log directory", e);
            }
            DirectoryLock lock;
            try {
                lock = DirectoryLock.acquire(dir.resolve(LOCK_FILE));
            } catch (RuntimeException e) {
                if (temporary) {
                    deleteQuietly(dir);
                }
                throw e;
            }
            if (Files.exists(dir.resolve(META_PROPERTIES)) && !Files.exists(dir.resolve(CLEAN_SHUTDOWN_FILE))) {
                LOG.warn("Kafka in {} was not shut down cleanly: recovering its logs, and the broker can register "
                        + "only once its previous session has expired (broker.session.timeout.ms, 9 s by default)", dir);
            }
            try {
                // a free port can be taken by someone else between probing and binding: retry then
                int attempts = port == 0 ? 3 : 1;
                for (int attempt = 1; ; attempt++) {
                    int clientPort = port == 0 ? freePort() : port;
                    int controllerPort = freePort(clientPort);
                    try {
                        KafkaRaftServer server = startServer(dir, clientPort, controllerPort);
                        Duration took = Duration.ofNanos(System.nanoTime() - t0);
                        LOG.info("Kafka broker started on {}:{} (controller :{}) with logs in {} ({} ms{})",
                                HOST, clientPort, controllerPort, dir, took.toMillis(), temporary ? ", temporary" : "");
                        return new EmbeddedKafkaBroker(server, dir, temporary, clientPort, took, lock);
                    } catch (RuntimeException e) {
                        if (attempt >= attempts || !isBindFailure(e)) {
                            throw e;
                        }
                        LOG.warn("port {} or {} was taken meanwhile, retrying with other ports", clientPort, controllerPort);
                    }
                }
            } catch (RuntimeException e) {
                lock.release();
                if (temporary) {
                    deleteQuietly(dir);
                }
                throw e;
            }
        }

        private KafkaRaftServer startServer(Path dir, int clientPort, int controllerPort) {
            Properties props = brokerProperties(dir, clientPort, controllerPort);
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            formatIfNeeded(dir, config);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            RUNNING.incrementAndGet();
            try {
                server.startup();
                awaitAnswers(HOST + ":" + clientPort, startupTimeout);
                return server;
            } catch (RuntimeException | Error e) {
                stop(server, SHUTDOWN_TIMEOUT);
                RUNNING.decrementAndGet();
                throw e instanceof RuntimeException re ? re
                        : new IllegalStateException("Kafka broker failed to start", e);
            }
        }

        private Properties brokerProperties(Path dir, int clientPort, int controllerPort) {
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", Integer.toString(NODE_ID));
            p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
            p.put("controller.listener.names", CONTROLLER_LISTENER);
            p.put("listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort + ","
                    + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
            p.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort);
            p.put("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
            p.put("inter.broker.listener.name", CLIENT_LISTENER);
            p.put("log.dirs", dir.toString());

            p.put("num.partitions", Integer.toString(numPartitions));
            p.put("default.replication.factor", "1");
            p.put("min.insync.replicas", "1");
            p.put("auto.create.topics.enable", "true");
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "5");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "5");
            p.put("group.initial.rebalance.delay.ms", "0");

            // memory and threads for a small box; the cleaner's default dedupe buffer alone is 128 MiB of heap
            p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
            p.put("log.cleaner.threads", "1");
            p.put("num.network.threads", "2");
            p.put("num.io.threads", "4");
            p.put("background.threads", "4");
            p.put("num.recovery.threads.per.data.dir", "1");

            // fail instead of waiting forever when the quorum cannot form
            p.put("server.max.startup.time.ms", Long.toString(startupTimeout.toMillis()));
            overrides.forEach(p::put);
            return p;
        }
    }

    /** Formats the directory as StorageTool's {@code format} would, unless it already is. */
    private static void formatIfNeeded(Path dir, KafkaConfig config) {
        if (Files.exists(dir.resolve(META_PROPERTIES))) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String clusterId = Uuid.randomUuid().toString();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            Formatter formatter = new Formatter()
                    .setPrintStream(print)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir());
            // static quorum (controller.quorum.voters), release version = this server's latest production one
            formatter.addDirectory(config.metadataLogDir());
            scala.jdk.javaapi.CollectionConverters.asJava(config.logDirs()).forEach(formatter::addDirectory);
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka log directory " + dir, e);
        }
        LOG.info("formatted Kafka log directory {} for cluster {}: {}", dir, clusterId,
                out.toString(StandardCharsets.UTF_8).trim());
    }

    /** Waits until a client can reach the broker and sees it in the cluster metadata. */
    private static void awaitAnswers(String bootstrapServers, Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness");
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(p)) {
            while (System.nanoTime() < deadline) {
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                            .nodes().get(10, TimeUnit.SECONDS);
                    if (nodes.stream().anyMatch(n -> n.id() == NODE_ID)) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
                }
                sleep(100);
            }
        }
        throw new IllegalStateException("Kafka broker at " + bootstrapServers + " did not answer describeCluster within "
                + timeout.toSeconds() + " s", last);
    }

    /**
     * shutdown + awaitShutdown, bounded so that a stuck broker cannot hang the caller.
     *
     * @return whether the server stopped in time
     */
    private static boolean stop(KafkaRaftServer server, Duration timeout) {
        Thread stopper = new Thread(() -> {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                LOG.warn("error while shutting the Kafka broker down", e);
            }
        }, "embedded-kafka-stopper");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopper.isAlive()) {
            LOG.error("Kafka broker did not shut down within {} s; giving up waiting", timeout.toSeconds());
            return false;
        }
        if (RUNNING.get() <= 1) {
            // Kafka keeps server metrics in a JVM-wide Yammer registry; a later broker in this JVM would
            // otherwise find gauges that still point at this stopped one (and keep it from being collected)
            var registry = KafkaYammerMetrics.defaultRegistry();
            registry.allMetrics().keySet().forEach(registry::removeMetric);
        }
        return true;
    }

    /** An exclusive lock on a file, held for the broker's lifetime (released by the OS if the JVM dies). */
    private record DirectoryLock(FileChannel channel, FileLock lock) {
        static DirectoryLock acquire(Path file) {
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    throw new IllegalStateException("Kafka log directory " + file.getParent()
                            + " is in use by another running broker");
                }
                return new DirectoryLock(channel, lock);
            } catch (OverlappingFileLockException e) {
                closeQuietly(channel);
                throw new IllegalStateException("Kafka log directory " + file.getParent()
                        + " is in use by another broker in this JVM", e);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UncheckedIOException("could not lock " + file, e);
            } catch (RuntimeException e) {
                closeQuietly(channel);
                throw e;
            }
        }

        void release() {
            try {
                lock.release();
            } catch (IOException e) {
                LOG.debug("could not release {}", lock, e);
            }
            closeQuietly(channel);
        }

        private static void closeQuietly(FileChannel channel) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException
                    || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort(int... avoid) {
        for (int i = 0; i < 10; i++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
                int candidate = socket.getLocalPort();
                if (java.util.Arrays.stream(avoid).noneMatch(a -> a == candidate)) {
                    return candidate;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not find a free port", e);
            }
        }
        throw new IllegalStateException("could not find a free port");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            io.kizuna.embedded.Directories.deleteRecursively(dir);
        } catch (java.io.UncheckedIOException e) {
            LOG.warn("could not delete {}", dir, e);
        }
    }
}
