package io.kizuna.embedded.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a data directory startable after an unclean end of the previous run: a {@code postmaster.pid}
 * whose process is gone (machine crash, or a pid reused since), or a postmaster orphaned by a JVM killed
 * with {@code kill -9} (pg_ctl daemonises postgres, so it outlives the JVM that started it, holding
 * the port and the directory).
 */
final class StaleServerCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(StaleServerCleaner.class);

    /** zonky's lock file: held (fcntl lock) by the JVM whose server uses the directory. */
    static final String ZONKY_LOCK_FILE = "epg-lock";
    static final String PID_FILE = "postmaster.pid";

    private static final Path TEMP_PARENT = Path.of(System.getProperty("java.io.tmpdir"), "kizuna-embedded-pg");
    private static final Duration STALE_TEMP_LOCK_AGE = Duration.ofMinutes(1);
    private static final Duration STALE_TEMP_UNLOCKED_AGE = Duration.ofHours(1);

    private StaleServerCleaner() {
    }

    /**
     * Removes a stale {@code postmaster.pid} from {@code dataDir}, stopping the orphaned postmaster first
     * if one is still running there.
     *
     * @throws IllegalStateException if a live JVM (this one included) is still using the directory
     */
    static void reclaim(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        if (!lockIsFree(dataDir)) {
            throw new IllegalStateException("PostgreSQL data directory " + dataDir
                    + " is in use by another running server (its " + ZONKY_LOCK_FILE + " is locked)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException gone) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (RuntimeException unreadable) {
            LOG.warn("removing unreadable {} in {}", PID_FILE, dataDir);
            Files.deleteIfExists(pidFile);
            return;
        }
        String recordedDataDir = lines.size() > 1 ? lines.get(1).trim() : dataDir.toString();
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            LOG.warn("removing stale {} in {}: no process {} is running (previous server was not shut down cleanly)",
                    PID_FILE, dataDir, pid);
            Files.deleteIfExists(pidFile);
            return;
        }
        Optional<String> commandLine = process.get().info().commandLine();
        if (commandLine.isEmpty()) {
            throw new IllegalStateException("PostgreSQL data directory " + dataDir + " has a " + PID_FILE
                    + " naming running process " + pid + " whose command line cannot be read; stop it or delete "
                    + pidFile + " by hand");
        }
        String cmd = commandLine.get();
        boolean orphanedPostmaster = cmd.contains("postgres")
                && (cmd.contains(recordedDataDir) || cmd.contains(dataDir.toString()));
        if (!orphanedPostmaster) {
            LOG.warn("removing stale {} in {}: pid {} now belongs to an unrelated process ({})",
                    PID_FILE, dataDir, pid, cmd);
            Files.deleteIfExists(pidFile);
            return;
        }
        LOG.warn("stopping orphaned PostgreSQL postmaster {} left running in {} by a previous run", pid, dataDir);
        stop(process.get());
        Files.deleteIfExists(pidFile); // left behind only if it had to be killed
    }

    private static void stop(ProcessHandle postmaster) {
        // SIGINT is PostgreSQL's "fast" shutdown (SIGTERM would wait for clients to disconnect)
        boolean signalled = false;
        if (!System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
            try {
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                        .redirectErrorStream(true).start();
                signalled = kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
            } catch (IOException e) {
                LOG.debug("could not run kill -INT", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!signalled) {
            postmaster.destroy();
        }
        if (awaitExit(postmaster, Duration.ofSeconds(30))) {
            return;
        }
        LOG.warn("postmaster {} did not stop within 30 s, killing it", postmaster.pid());
        postmaster.destroyForcibly();
        if (!awaitExit(postmaster, Duration.ofSeconds(10))) {
            throw new IllegalStateException("could not stop orphaned postmaster " + postmaster.pid());
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        // poll: onExit() of a process that is not our child checks only every few hundred milliseconds
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return true;
    }

    /** True when no live process (nor this JVM) holds zonky's lock on the directory. */
    private static boolean lockIsFree(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return false;
        } catch (NoSuchFileException gone) {
            return true;
        }
    }

    /**
     * A new directory for a throw-away cluster, under one parent in the temp directory, so that the
     * leftovers of killed runs (and their orphaned servers) can be found and removed here.
     */
    static Path newTemporaryDataDirectory() throws IOException {
        Files.createDirectories(TEMP_PARENT);
        removeStaleTemporaryDirectories();
        Path dir = TEMP_PARENT.resolve(UUID.randomUUID().toString());
        Files.createDirectory(dir);
        return dir;
    }

    private static void removeStaleTemporaryDirectories() {
        try (Stream<Path> children = Files.list(TEMP_PARENT)) {
            Instant now = Instant.now();
            for (Path dir : children.filter(Files::isDirectory).toList()) {
                try {
                    Path lockFile = dir.resolve(ZONKY_LOCK_FILE);
                    boolean stale;
                    if (Files.exists(lockFile)) {
                        Instant locked = Files.getLastModifiedTime(lockFile).toInstant();
                        stale = locked.plus(STALE_TEMP_LOCK_AGE).isBefore(now) && lockIsFree(dir);
                    } else {
                        Instant created = Files.getLastModifiedTime(dir).toInstant();
                        stale = created.plus(STALE_TEMP_UNLOCKED_AGE).isBefore(now);
                    }
                    if (stale) {
                        LOG.info("removing leftover temporary PostgreSQL directory {}", dir);
                        reclaim(dir);
                        deleteRecursively(dir);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.debug("could not clean {}", dir, e);
                }
            }
        } catch (IOException e) {
            LOG.debug("could not list {}", TEMP_PARENT, e);
        }
    }

    static void deleteRecursively(Path dir) {
        io.kizuna.embedded.Directories.deleteRecursively(dir);
    }
}
