package io.kizuna.embedded.elasticsearch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real single-node Elasticsearch (dev/test only) running in a child JVM.
 * <p>
 * The child runs {@code io.kizuna.embedded.elasticsearch.ElasticsearchLauncher} from the jars that
 * {@code mvn package} lays out in {@code embedded-elasticsearch/target/elasticsearch-runtime/lib};
 * none of those jars is on this JVM's classpath. The child binds HTTP on 127.0.0.1, keeps its data
 * under {@code home/data}, and exits when its standard input closes, so it never outlives this JVM:
 * {@link #close()} closes the pipe (and destroys the child if it does not stop in time), a JVM
 * shutdown hook does the same if {@code close()} was never called, and if this JVM is killed
 * outright the operating system closes the pipe.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    /** System property naming the runtime lib folder explicitly. */
    public static final String RUNTIME_PROPERTY = "kizuna.embedded.elasticsearch.runtime";
    /** System property with extra JVM options for the child, separated by whitespace (appended last, so they win). */
    public static final String JVM_OPTIONS_PROPERTY = "kizuna.embedded.elasticsearch.jvmOptions";
    /**
     * System property: {@code false} turns off the class-data-sharing archive that makes every start
     * after the first one about twice as fast (see {@link #start}).
     */
    public static final String CDS_PROPERTY = "kizuna.embedded.elasticsearch.cds";
    /** Where {@code mvn package} puts the runtime, relative to the repository root. */
    public static final String RUNTIME_RELATIVE_PATH = "embedded-elasticsearch/target/elasticsearch-runtime/lib";

    static final String LAUNCHER_CLASS = "io.kizuna.embedded.elasticsearch.ElasticsearchLauncher";
    static final String LAUNCHER_JAR_PREFIX = "kizuna-embedded-elasticsearch-";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedElasticsearch.class);
    private static final Logger childLog = LoggerFactory.getLogger(EmbeddedElasticsearch.class.getName() + ".child");

    private static final Pattern READY = Pattern.compile("KIZUNA_ES_READY (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern FAILED = Pattern.compile("KIZUNA_ES_FAILED (.*)");
    private static final int TAIL_LINES = 60;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(20);
    private static final Duration HOOK_GRACE = Duration.ofSeconds(10);
    /** The first child writes the class-data-sharing archive when it exits: give it time. */
    private static final Duration CLOSE_GRACE_WHILE_ARCHIVING = Duration.ofSeconds(60);

    private final Process process;
    private final Path home;
    private final int httpPort;
    private final String httpUrl;
    private final OutputTail tail;
    private final ClassDataSharing cds;
    private final Thread shutdownHook;
    private final Object closeLock = new Object();
    private boolean closed;

    private EmbeddedElasticsearch(
        Process process, Path home, int httpPort, String httpUrl, OutputTail tail, ClassDataSharing cds, Thread shutdownHook
    ) {
        this.process = process;
        this.home = home;
        this.httpPort = httpPort;
        this.httpUrl = httpUrl;
        this.tail = tail;
        this.cds = cds;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Starts Elasticsearch in a child JVM and waits until its HTTP port is bound.
     * <p>
     * The child runs on the same java executable as this JVM. Unless {@value #CDS_PROPERTY} is
     * {@code false}, the first child started from a given runtime folder records a class-data-sharing
     * archive next to it when it exits (its {@link #close()} then takes a few seconds longer) and later
     * children map it, which roughly halves their start time.
     *
     * @param runtimeLibDir the folder with the launcher jar and the server jars (see {@link #locateRuntimeLibDir()})
     * @param home          path.home of the node; its data lives in {@code home/data} and survives restarts
     * @param httpPort      the HTTP port on 127.0.0.1, or 0 for a free one
     * @param startTimeout  how long to wait for the node to be ready
     * @throws IllegalStateException if the child fails to start or is not ready in time (the child is
     *                               killed; the message carries its last output lines)
     */
    public static EmbeddedElasticsearch start(Path runtimeLibDir, Path home, int httpPort, Duration startTimeout) {
        Objects.requireNonNull(runtimeLibDir, "runtimeLibDir");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort out of range: " + httpPort);
        }
        if (Runtime.version().feature() < 21) {
            throw new IllegalStateException("Embedded Elasticsearch 9 needs a JDK >= 21, this JVM is " + Runtime.version());
        }
        Path lib = runtimeLibDir.toAbsolutePath().normalize();
        requireRuntime(lib);
        Path absoluteHome = home.toAbsolutePath().normalize();
        Path tmp = absoluteHome.resolve("tmp");
        try {
            Files.createDirectories(absoluteHome.resolve("logs"));
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create Elasticsearch home " + absoluteHome, e);
        }

        List<String> jvmOptions = jvmOptions();
        ClassDataSharing cds = ClassDataSharing.plan(lib, jvmOptions);
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(homeJvmOptions(absoluteHome));
        command.addAll(jvmOptions);
        command.addAll(cds.jvmOptions());
        command.add("-cp");
        command.add(lib + "/*");
        command.add(LAUNCHER_CLASS);
        command.add("--home=" + absoluteHome);
        command.add("--http-port=" + httpPort);

        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(absoluteHome.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.PIPE)
            .redirectInput(ProcessBuilder.Redirect.PIPE);
        // the child's JVM options are ours alone: no agents or flags inherited through the environment
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");

        log.info("Starting embedded Elasticsearch (home {}, http port {})", absoluteHome, httpPort == 0 ? "any free" : httpPort);
        log.debug("Child command: {}", command);
        long startedAt = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the Elasticsearch child JVM: " + command, e);
        }

        Thread hook = new Thread(() -> cds.finish(stopProcess(process, HOOK_GRACE), process), "kizuna-es-child-reaper-" + process.pid());
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            process.destroyForcibly();
            cds.finish(false, process);
            throw new IllegalStateException("This JVM is shutting down: embedded Elasticsearch not started", shutdownInProgress);
        }

        OutputTail tail = new OutputTail(TAIL_LINES);
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pumpOutput(process, tail, ready), "kizuna-es-child-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();

        String url;
        try {
            url = ready.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            stopProcess(process, Duration.ZERO);
            cds.finish(false, process);
            removeHook(hook);
            joinQuietly(pump, Duration.ofSeconds(2));
            String reason = e instanceof TimeoutException
                ? "was not ready within " + startTimeout.toMillis() + " ms"
                : e instanceof ExecutionException ee ? "failed: " + ee.getCause().getMessage() : "start was interrupted";
            throw new IllegalStateException("Embedded Elasticsearch (home " + absoluteHome + ") " + reason
                + "; last output of the child JVM:\n" + tail.text());
        }
        int port = URI.create(url).getPort();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
        log.info("Embedded Elasticsearch ready at {} in {} ms (pid {}, home {})", url, millis, process.pid(), absoluteHome);
        return new EmbeddedElasticsearch(process, absoluteHome, port, url, tail, cds, hook);
    }

    /**
     * Finds the launcher's runtime lib folder: the system property {@value #RUNTIME_PROPERTY} if set,
     * otherwise {@value #RUNTIME_RELATIVE_PATH} in the working directory or the nearest parent that has it.
     *
     * @throws IllegalStateException if there is none (the embedded-elasticsearch module has not been packaged)
     */
    public static Path locateRuntimeLibDir() {
        String explicit = System.getProperty(RUNTIME_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path dir = Path.of(explicit.trim()).toAbsolutePath().normalize();
            requireRuntime(dir);
            return dir;
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RUNTIME_RELATIVE_PATH);
            if (hasLauncherJar(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Embedded Elasticsearch runtime not found: no " + RUNTIME_RELATIVE_PATH
            + " with the launcher jar in " + cwd + " or any parent folder, and -D" + RUNTIME_PROPERTY
            + " is not set. Run mvn package first (at the repository root, or: mvn -pl embedded-elasticsearch package).");
    }

    /** The HTTP port the node is bound to on 127.0.0.1. */
    public int httpPort() {
        return httpPort;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String httpUrl() {
        return httpUrl;
    }

    /** The node's path.home. */
    public Path home() {
        return home;
    }

    /** The child JVM's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the child JVM is still running. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Stops the node: closes the child's standard input (the child then closes the node cleanly and
     * exits), waits up to 20 s, then destroys it forcibly. Idempotent.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long startedAt = System.nanoTime();
        Duration grace = cds.isRecording() ? CLOSE_GRACE_WHILE_ARCHIVING : CLOSE_GRACE;
        boolean clean = stopProcess(process, grace);
        cds.finish(clean, process);
        removeHook(shutdownHook);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
        if (clean) {
            log.info("Embedded Elasticsearch (pid {}) stopped in {} ms", process.pid(), millis);
        } else {
            log.warn("Embedded Elasticsearch (pid {}) did not stop within {} s and was killed; last output:\n{}",
                process.pid(), grace.toSeconds(), tail.text());
        }
    }

    @Override
    public String toString() {
        return "EmbeddedElasticsearch[" + httpUrl + ", pid " + process.pid() + ", home " + home + "]";
    }

    /**
     * The child's JVM options that do not depend on its home: the ones Elasticsearch's own launcher
     * sets (minus those for its distribution layout), then any from {@value #JVM_OPTIONS_PROPERTY}.
     */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of(
            "-Xms256m",
            "-Xmx512m",
            "-XX:MaxDirectMemorySize=256m",
            "-XX:+UseG1GC",
            "-Xss1m",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:-OmitStackTraceInFastThrow",
            "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8",
            "-Djava.locale.providers=CLDR",
            "-Des.networkaddress.cache.ttl=60",
            "-Des.networkaddress.cache.negative.ttl=10",
            "-Dio.netty.noUnsafe=true",
            "-Dio.netty.noKeySetOptimization=true",
            "-Dio.netty.recycler.maxCapacityPerThread=0",
            "-Dlog4j.shutdownHookEnabled=false",
            "-Dlog4j2.disable.jmx=true",
            "-Dlog4j2.formatMsgNoLookups=true",
            "--enable-native-access=ALL-UNNAMED",
            "--add-modules=jdk.incubator.vector"
        ));
        String extra = System.getProperty(JVM_OPTIONS_PROPERTY);
        if (extra != null && !extra.isBlank()) {
            options.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        return options;
    }

    /** The child's JVM options that point into its home. */
    static List<String> homeJvmOptions(Path home) {
        return List.of(
            "-XX:ErrorFile=" + home.resolve("logs").resolve("hs_err_pid%p.log"),
            "-Djava.io.tmpdir=" + home.resolve("tmp"));
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command()
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void requireRuntime(Path lib) {
        if (!hasLauncherJar(lib)) {
            throw new IllegalStateException("Embedded Elasticsearch runtime not found in " + lib
                + " (expected " + LAUNCHER_JAR_PREFIX + "*.jar and the server jars there)."
                + " Run mvn package first (at the repository root, or: mvn -pl embedded-elasticsearch package).");
        }
    }

    private static boolean hasLauncherJar(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, LAUNCHER_JAR_PREFIX + "*.jar")) {
            return jars.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    private static void pumpOutput(Process process, OutputTail tail, CompletableFuture<String> ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                tail.add(line);
                if (!ready.isDone()) {
                    Matcher readyMatch = READY.matcher(line);
                    if (readyMatch.find()) {
                        ready.complete(readyMatch.group(1));
                        continue;
                    }
                    Matcher failed = FAILED.matcher(line);
                    if (failed.find()) {
                        ready.completeExceptionally(new IllegalStateException(failed.group(1)));
                    }
                }
                logChildLine(line);
            }
        } catch (IOException e) {
            // the stream closes when the child is destroyed
        } finally {
            if (!ready.isDone()) {
                String exit;
                try {
                    exit = process.waitFor(5, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "output closed";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exit = "output closed";
                }
                ready.completeExceptionally(new IllegalStateException("the child JVM ended before it was ready (" + exit + ")"));
            }
        }
    }

    private static void logChildLine(String line) {
        if (line.contains(" ERROR ") || line.startsWith("Exception") || line.contains("FATAL")) {
            childLog.warn("{}", line);
        } else if (line.contains(" WARN ")) {
            childLog.info("{}", line);
        } else {
            childLog.debug("{}", line);
        }
    }

    /** Closes stdin, waits {@code grace}, then kills. Returns whether the child ended within the grace period. */
    private static boolean stopProcess(Process process, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.close();
        } catch (IOException ignored) {
            // already closed or broken: the child sees EOF either way
        }
        boolean ended = false;
        try {
            ended = grace.isZero() ? !process.isAlive() : process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!ended) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ended;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            // the JVM is exiting; the hook runs (or ran) and finds the child gone
        }
    }

    private static void joinQuietly(Thread thread, Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A dynamic class-data-sharing archive of the child's classes (JDK 13+: -XX:ArchiveClassesAtExit /
     * -XX:SharedArchiveFile), kept in {@code <runtime>/../cds}. Its name is a digest of the JDK, the
     * jars and the JVM options, so a rebuilt runtime or another JDK never meets a stale archive. A
     * child records into a file of its own, which is renamed into place only after a clean exit, so
     * concurrent children never read a half-written archive. A JVM that cannot use an archive just
     * starts without it.
     */
    private record ClassDataSharing(Path archive, Path recording) {

        private static final ClassDataSharing OFF = new ClassDataSharing(null, null);

        static ClassDataSharing plan(Path lib, List<String> jvmOptions) {
            if ("false".equalsIgnoreCase(System.getProperty(CDS_PROPERTY, "true").trim())) {
                return OFF;
            }
            try {
                Path dir = lib.getParent().resolve("cds");
                Files.createDirectories(dir);
                if (!Files.isWritable(dir)) {
                    return OFF;
                }
                Path archive = dir.resolve("kizuna-es-" + digest(lib, jvmOptions) + ".jsa");
                if (Files.isRegularFile(archive) && Files.size(archive) > 0) {
                    return new ClassDataSharing(archive, null);
                }
                Path recording = dir.resolve(archive.getFileName() + "." + ProcessHandle.current().pid()
                    + "-" + System.nanoTime() + ".recording");
                return new ClassDataSharing(archive, recording);
            } catch (IOException | RuntimeException e) {
                log.debug("No class-data-sharing archive for the Elasticsearch child: {}", e.toString());
                return OFF;
            }
        }

        List<String> jvmOptions() {
            if (archive == null) {
                return List.of();
            }
            return recording == null
                ? List.of("-XX:SharedArchiveFile=" + archive)
                : List.of("-XX:ArchiveClassesAtExit=" + recording);
        }

        boolean isRecording() {
            return recording != null;
        }

        /** After the child ended: keep the recorded archive if the child exited cleanly, else drop it. */
        void finish(boolean endedInTime, Process process) {
            if (recording == null) {
                return;
            }
            try {
                boolean usable = endedInTime && !process.isAlive() && process.exitValue() == 0
                    && Files.isRegularFile(recording) && Files.size(recording) > 0;
                if (usable) {
                    Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    log.info("Recorded a class-data-sharing archive for faster Elasticsearch starts: {}", archive);
                } else {
                    Files.deleteIfExists(recording);
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Could not keep the class-data-sharing archive {}: {}", recording, e.toString());
                try {
                    Files.deleteIfExists(recording);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }

        private static String digest(Path lib, List<String> jvmOptions) throws IOException {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            List<String> parts = new ArrayList<>();
            parts.add(javaExecutable());
            parts.add(Runtime.version().toString());
            parts.add(System.getProperty("java.vm.vendor", ""));
            parts.addAll(jvmOptions);
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
                List<String> entries = new ArrayList<>();
                for (Path jar : jars) {
                    entries.add(jar.getFileName() + ":" + Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis());
                }
                entries.sort(null);
                parts.addAll(entries);
            }
            byte[] hash = sha.digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        }
    }

    /** The last lines the child printed, for error messages. */
    private static final class OutputTail {
        private final int capacity;
        private final Deque<String> lines = new ArrayDeque<>();

        OutputTail(int capacity) {
            this.capacity = capacity;
        }

        synchronized void add(String line) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }

        synchronized String text() {
            return lines.isEmpty() ? "  (no output)" : "  " + String.join("\n  ", lines);
        }
    }
}
