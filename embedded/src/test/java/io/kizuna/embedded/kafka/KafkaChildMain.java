package io.kizuna.embedded.kafka;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Run in a child JVM by the tests. {@code crash DIR}: starts a broker on DIR, produces 100 keyed records to
 * topic "people", reports, then waits to be killed. {@code clean DIR}: starts, closes and returns from main
 * (the JVM must then exit by itself).
 */
public final class KafkaChildMain {
    private KafkaChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
        if (args[0].equals("clean")) {
            broker.close();
            System.out.println("CLOSED");
            return;
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < 100; i++) {
                String key = "key-" + (i % 10);
                producer.send(new ProducerRecord<>("people", key, key + ":" + (i / 10))).get();
            }
        }
        System.out.println("READY " + broker.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
