package io.kizuna.server.support;

import io.kizuna.server.embedded.EmbeddedPlatform;

/**
 * One set of real servers (PostgreSQL, Kafka, Elasticsearch) per test JVM, started on first use and
 * closed when the JVM exits; every Spring test context of the JVM shares them.
 */
public final class TestPlatform {
    private static EmbeddedPlatform platform;

    private TestPlatform() {
    }

    public static synchronized EmbeddedPlatform get() {
        if (platform == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
            platform = EmbeddedPlatform.start(null, EmbeddedPlatform.Ports.FREE);
            EmbeddedPlatform started = platform;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-platform-shutdown"));
        }
        return platform;
    }
}
