package io.kizuna.embedded.postgres;

import java.nio.file.Path;

/** Run in a child JVM by the tests: starts a server on a kept directory, reports, then waits to be killed. */
public final class PostgresChildMain {
    private PostgresChildMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.builder()
                .dataDirectory(Path.of(args[0]))
                .fsync(false)
                .start();
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
