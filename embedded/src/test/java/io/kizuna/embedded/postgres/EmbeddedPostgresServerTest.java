package io.kizuna.embedded.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path tmp;

    @Test
    void startsFreshServerAndRoundTripsRowsOverJdbc() throws Exception {
        Path dataDir;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null, 0)) {
            report("cold start, temporary directory", server.startupTime());
            dataDir = server.dataDirectory();
            assertThat(server.port()).isPositive();
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + server.port() + "/kizuna");
            try (Connection c = connect(server)) {
                execute(c, "CREATE TABLE person (id bigint PRIMARY KEY, name text NOT NULL)");
                execute(c, "INSERT INTO person VALUES (1, 'Ada'), (2, 'Grace')");
                assertThat(names(c)).containsExactly("Ada", "Grace");
                assertThat(setting(c, "server_version_num")).startsWith("17");
                assertThat(setting(c, "fsync")).isEqualTo("on");
                assertThat(setting(c, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(c, "max_connections")).isEqualTo("100");
                assertThat(setting(c, "shared_buffers")).isEqualTo("128MB");
                assertThat(setting(c, "listen_addresses")).isEqualTo("localhost");
                assertThat(setting(c, "current_database()")).isEqualTo("kizuna");
            }
            try (Connection c = server.dataSource().getConnection()) {
                assertThat(names(c)).hasSize(2);
            }
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void restartOnTheSameDirectoryKeepsTheData() throws Exception {
        Path dataDir = tmp.resolve("pg");
        int port;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder()
                .dataDirectory(dataDir).fsync(false).synchronousCommit(false).start()) {
            report("cold start (initdb), kept directory", server.startupTime());
            port = server.port();
            try (Connection c = connect(server)) {
                assertThat(setting(c, "fsync")).isEqualTo("off");
                assertThat(setting(c, "synchronous_commit")).isEqualTo("off");
                execute(c, "CREATE TABLE person (id bigint PRIMARY KEY, name text NOT NULL)");
                execute(c, "INSERT INTO person VALUES (1, 'Ada')");
            }
        }
        assertThat(dataDir.resolve("postgresql.conf")).exists();
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, port)) {
            report("restart, kept directory", server.startupTime());
            assertThat(server.port()).isEqualTo(port);
            try (Connection c = connect(server)) {
                assertThat(names(c)).containsExactly("Ada");
            }
        }
        assertThat(dataDir.resolve("postgresql.conf")).exists();
    }

    @Test
    void startsAfterAStalePostmasterPidFile() throws Exception {
        Path dataDir = tmp.resolve("pg");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().dataDirectory(dataDir).fsync(false).start();
             Connection c = connect(server)) {
            execute(c, "CREATE TABLE person (id bigint PRIMARY KEY, name text NOT NULL)");
            execute(c, "INSERT INTO person VALUES (1, 'Ada')");
        }
        // what a crashed run leaves: a pid file naming a process that no longer exists
        long deadPid = deadPid();
        Files.writeString(dataDir.resolve("postmaster.pid"),
                deadPid + "\n" + dataDir.toAbsolutePath() + "\n1700000000\n5432\n\nlocalhost\n  5432001         0\nready   \n");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            report("restart over stale postmaster.pid", server.startupTime());
            try (Connection c = connect(server)) {
                assertThat(names(c)).containsExactly("Ada");
            }
        }
    }

    @Test
    void startsAfterThePreviousJvmWasKilledLeavingAnOrphanedPostmaster() throws Exception {
        Path dataDir = tmp.resolve("pg");
        Process child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                PostgresChildMain.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        int childPort;
        try {
            childPort = awaitReady(child);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long orphanPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        Optional<ProcessHandle> orphan = ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive);
        assertThat(orphan).as("postmaster outlives the killed JVM").isPresent();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + childPort + "/kizuna",
                "postgres", "postgres")) {
            execute(c, "CREATE TABLE person (id bigint PRIMARY KEY, name text NOT NULL)");
            execute(c, "INSERT INTO person VALUES (1, 'Ada')");
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, childPort)) {
            report("restart after kill -9 (orphan stopped first)", server.startupTime());
            assertThat(orphan.get().isAlive()).isFalse();
            try (Connection c = connect(server)) {
                assertThat(names(c)).containsExactly("Ada");
            }
        } finally {
            orphan.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void refusesADirectoryThatARunningServerUses() {
        Path dataDir = tmp.resolve("pg");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.builder().dataDirectory(dataDir).fsync(false).start()) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use");
            assertThat(server.port()).isPositive();
        }
    }

    private static int awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                return Integer.parseInt(line.substring(6).trim());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("child did not start:\n" + seen);
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        long pid = p.pid();
        p.waitFor();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        return pid;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> names(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM person ORDER BY id")) {
            java.util.ArrayList<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private static String setting(Connection c, String expression) throws SQLException {
        String sql = expression.endsWith(")") ? "SELECT " + expression : "SHOW " + expression;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void report(String what, Duration took) {
        System.out.printf("[timing] PostgreSQL %s: %d ms%n", what, took.toMillis());
    }
}
