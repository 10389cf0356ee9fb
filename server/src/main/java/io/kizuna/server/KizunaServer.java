package io.kizuna.server;

import io.kizuna.server.embedded.EmbeddedPlatform;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts Kizuna. With no external database configured ({@code SPRING_DATASOURCE_URL} unset) or with
 * {@code --kizuna.embedded=true}, it first starts the embedded default: real PostgreSQL, Kafka and
 * Elasticsearch with data under {@code ./data/}, plus demo data and two demo service sites.
 */
@SpringBootApplication(scanBasePackages = "io.kizuna")
public class KizunaServer {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        boolean embedded = embeddedWanted(args);
        EmbeddedPlatform platform = null;
        Map<String, Object> defaults = new HashMap<>();
        if (embedded) {
            Path data = Path.of(System.getProperty("kizuna.data-dir", "data")).toAbsolutePath();
            platform = EmbeddedPlatform.start(data, new EmbeddedPlatform.Ports(
                    Integer.getInteger("kizuna.embedded.postgres-port", 15432),
                    Integer.getInteger("kizuna.embedded.kafka-port", 19092),
                    Integer.getInteger("kizuna.embedded.elasticsearch-port", 19200)));
            defaults.putAll(platform.springProperties());
            defaults.put("spring.profiles.active", "embedded");
            defaults.put("kizuna.master-key-file", data.resolve("master.key").toString());
        }
        SpringApplication app = new SpringApplication(KizunaServer.class);
        app.setDefaultProperties(defaults);
        app.setRegisterShutdownHook(false);
        ConfigurableApplicationContext context;
        try {
            context = app.run(args);
        } catch (RuntimeException e) {
            if (platform != null) {
                platform.close();
            }
            throw e;
        }
        EmbeddedPlatform started = platform;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            if (started != null) {
                started.close();
            }
        }, "kizuna-shutdown"));
    }

    static boolean embeddedWanted(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--kizuna.embedded=")) {
                return Boolean.parseBoolean(arg.substring("--kizuna.embedded=".length()));
            }
        }
        String property = System.getProperty("kizuna.embedded");
        if (property != null) {
            return Boolean.parseBoolean(property);
        }
        String env = System.getenv("KIZUNA_EMBEDDED");
        if (env != null) {
            return Boolean.parseBoolean(env);
        }
        return System.getenv("SPRING_DATASOURCE_URL") == null;
    }
}
