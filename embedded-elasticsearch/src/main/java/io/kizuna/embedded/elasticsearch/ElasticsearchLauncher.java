package io.kizuna.embedded.elasticsearch;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.transport.TransportAddress;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.KizunaEmbeddedNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Main class of the embedded Elasticsearch child JVM (dev/test only).
 * <p>
 * Starts a real single-node Elasticsearch with HTTP on 127.0.0.1 and prints exactly one line
 * {@code KIZUNA_ES_READY http://127.0.0.1:PORT} on stdout once HTTP is bound. The process then
 * runs until its standard input reaches end-of-file (the parent closed the pipe or died), or it
 * receives SIGTERM/SIGINT; either way the node is closed cleanly before the JVM exits.
 * <p>
 * Arguments (each also readable from a system property):
 * <ul>
 *   <li>{@code --home=DIR} ({@code kizuna.es.home}), required: path.home; data and logs live under it</li>
 *   <li>{@code --http-port=N} ({@code kizuna.es.http.port}), default 9200; 0 picks a free port</li>
 *   <li>{@code --exit-on-stdin-eof=false} ({@code kizuna.es.exitOnStdinEof}), default true; for manual runs</li>
 *   <li>{@code -Ekey=value}: any further node setting</li>
 * </ul>
 * If startup fails the process prints {@code KIZUNA_ES_FAILED <message>} and exits with status 1.
 * <p>
 * Elasticsearch's logs go to stdout through log4j's default console configuration (level INFO;
 * change it with {@code -Elogger.level=WARN} or {@code -Elogger.some.package=DEBUG}).
 */
public final class ElasticsearchLauncher {

    public static final String READY_PREFIX = "KIZUNA_ES_READY ";
    public static final String FAILED_PREFIX = "KIZUNA_ES_FAILED ";

    private static final Object LOCK = new Object();
    private static Node node;
    private static boolean shuttingDown;

    private ElasticsearchLauncher() {}

    public static void main(String[] args) {
        // Elasticsearch's own launcher sets these; keep log4j usable inside our shutdown hook.
        setDefaultProperty("log4j.shutdownHookEnabled", "false");
        setDefaultProperty("log4j2.disable.jmx", "true");
        setDefaultProperty("log4j2.formatMsgNoLookups", "true");

        PrintStream stdout = System.out;
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            stdout.println(FAILED_PREFIX + e.getMessage());
            stdout.flush();
            System.exit(2);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(ElasticsearchLauncher::closeNode, "kizuna-es-shutdown"));
        if (options.exitOnStdinEof()) {
            Thread watcher = new Thread(() -> watchStdin(System.in), "kizuna-es-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        long started = System.nanoTime();
        String url;
        try {
            url = startNode(options);
        } catch (Throwable t) {
            t.printStackTrace();
            String message = String.valueOf(t.getMessage()).replace('\n', ' ');
            stdout.println(FAILED_PREFIX + t.getClass().getName() + ": " + message);
            stdout.flush();
            System.exit(1);
            return;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.err.println("kizuna: node started in " + millis + " ms, http at " + url);
        stdout.println(READY_PREFIX + url);
        stdout.flush();

        try {
            new CountDownLatch(1).await(); // the JVM ends through System.exit or a signal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(0);
        }
    }

    private static String startNode(Options options) throws Exception {
        Path home = options.home().toAbsolutePath().normalize();
        Path data = home.resolve("data");
        Path logs = home.resolve("logs");
        Files.createDirectories(data);
        Files.createDirectories(logs);
        Files.createDirectories(home.resolve("config"));

        Settings.Builder builder = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", data.toString())
            .put("path.logs", logs.toString())
            .put("cluster.name", "kizuna")
            .put("node.name", "kizuna-embedded")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", options.httpPort())
            .put("transport.port", 0)
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("logger.level", "INFO")
            // the distribution's native libraries (zstd, vector distance) are not on Maven Central, so
            // native access is always unavailable here: skip the stack trace it would log on every start
            .put("logger.org.elasticsearch.nativeaccess", "ERROR");
        options.extraSettings().forEach(builder::put);
        Settings settings = builder.build();

        LogConfigurator.configureWithoutConfig(settings);
        LogConfigurator.setNodeName(settings.get("node.name"));
        LogConfigurator.setClusterName(settings.get("cluster.name"));

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Map.of(), home.resolve("config"), () -> "kizuna-embedded");
        Node created = KizunaEmbeddedNode.create(environment, List.of(Netty4Plugin.class, ClusterInfoPlugin.class));
        synchronized (LOCK) {
            if (shuttingDown) {
                created.close();
                throw new IllegalStateException("shutdown requested during startup");
            }
            node = created;
        }
        created.start();

        HttpServerTransport http = created.injector().getInstance(HttpServerTransport.class);
        TransportAddress publish = http.boundAddress().publishAddress();
        return "http://127.0.0.1:" + publish.getPort();
    }

    private static void watchStdin(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the parent never writes; anything it sends is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone: same as EOF
        }
        System.err.println("kizuna: stdin closed, shutting Elasticsearch down");
        System.exit(0); // runs the shutdown hook, which closes the node
    }

    private static void closeNode() {
        Node toClose;
        synchronized (LOCK) {
            shuttingDown = true;
            toClose = node;
            node = null;
        }
        if (toClose == null) {
            return;
        }
        try {
            toClose.close();
            if (!toClose.awaitClose(15, TimeUnit.SECONDS)) {
                System.err.println("kizuna: node did not close within 15 s");
            }
        } catch (Exception e) {
            System.err.println("kizuna: error while closing the node: " + e);
        }
    }

    private static void setDefaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    record Options(Path home, int httpPort, boolean exitOnStdinEof, Map<String, String> extraSettings) {

        static Options parse(String[] args) {
            String home = System.getProperty("kizuna.es.home");
            String port = System.getProperty("kizuna.es.http.port", "9200");
            String exitOnEof = System.getProperty("kizuna.es.exitOnStdinEof", "true");
            Map<String, String> extra = new LinkedHashMap<>();
            for (String arg : args) {
                if (arg.startsWith("--home=")) {
                    home = arg.substring("--home=".length());
                } else if (arg.startsWith("--http-port=")) {
                    port = arg.substring("--http-port=".length());
                } else if (arg.startsWith("--exit-on-stdin-eof=")) {
                    exitOnEof = arg.substring("--exit-on-stdin-eof=".length());
                } else if (arg.startsWith("-E") && arg.indexOf('=') > 2) {
                    int eq = arg.indexOf('=');
                    extra.put(arg.substring(2, eq), arg.substring(eq + 1));
                } else {
                    throw new IllegalArgumentException("unknown argument: " + arg
                        + " (expected --home=DIR, --http-port=N, --exit-on-stdin-eof=BOOL, -Ekey=value)");
                }
            }
            if (home == null || home.isBlank()) {
                throw new IllegalArgumentException("missing --home=DIR (or -Dkizuna.es.home)");
            }
            int httpPort;
            try {
                httpPort = Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("http port is not a number: " + port);
            }
            if (httpPort < 0 || httpPort > 65535) {
                throw new IllegalArgumentException("http port out of range: " + httpPort);
            }
            return new Options(Path.of(home), httpPort, Boolean.parseBoolean(exitOnEof.trim()), Map.copyOf(extra));
        }
    }
}
