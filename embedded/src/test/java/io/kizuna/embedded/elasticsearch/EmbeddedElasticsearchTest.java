package io.kizuna.embedded.elasticsearch;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starts a real Elasticsearch in a child JVM and talks to it over HTTP. */
class EmbeddedElasticsearchTest {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedElasticsearchTest.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void indexesSearchesAggregatesAndStopsTheChild(@TempDir Path home) throws Exception {
        long startedAt = System.nanoTime();
        EmbeddedElasticsearch es = EmbeddedElasticsearch.start(EmbeddedElasticsearch.locateRuntimeLibDir(), home, 0, START_TIMEOUT);
        long pid = es.pid();
        try {
            log.info("started in {} ms; child RSS {}", (System.nanoTime() - startedAt) / 1_000_000, rss(pid));
            assertThat(es.httpPort()).isPositive();
            assertThat(es.httpUrl()).isEqualTo("http://127.0.0.1:" + es.httpPort());

            HttpResponse<String> info = send(es, "GET", "/", null);
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(info.headers().firstValue("X-elastic-product")).contains("Elasticsearch");
            assertThat(JsonPath.<String>read(info.body(), "$.cluster_name")).isEqualTo("kizuna");
            assertThat(JsonPath.<String>read(info.body(), "$.name")).isEqualTo("kizuna-embedded");
            assertThat(JsonPath.<String>read(info.body(), "$.version.number")).isEqualTo("9.5.3");
            assertThat(JsonPath.<String>read(info.body(), "$.tagline")).isEqualTo("You Know, for Search");
            assertThat(JsonPath.<String>read(info.body(), "$.cluster_uuid")).isNotBlank().isNotEqualTo("_na_");
            assertThat(send(es, "HEAD", "/", null).statusCode()).isEqualTo(200);

            HttpResponse<String> created = send(es, "PUT", "/orders", """
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
                 "mappings": {"properties": {"color": {"type": "keyword"}, "amount": {"type": "long"}}}}
                """);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

            for (String doc : List.of(
                "{\"color\": \"red\", \"amount\": 10}",
                "{\"color\": \"blue\", \"amount\": 5}",
                "{\"color\": \"red\", \"amount\": 7}")) {
                HttpResponse<String> indexed = send(es, "POST", "/orders/_doc?refresh=true", doc);
                assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);
            }

            HttpResponse<String> search = send(es, "POST", "/orders/_search", """
                {"size": 0, "track_total_hits": true,
                 "aggs": {"by_color": {"terms": {"field": "color"}, "aggs": {"total": {"sum": {"field": "amount"}}}}}}
                """);
            assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
            assertThat(JsonPath.<Integer>read(search.body(), "$.hits.total.value")).isEqualTo(3);
            List<Map<String, Object>> buckets = JsonPath.read(search.body(), "$.aggregations.by_color.buckets");
            assertThat(buckets).hasSize(2);
            assertThat(buckets.get(0)).containsEntry("key", "red").containsEntry("doc_count", 2);
            assertThat(buckets.get(1)).containsEntry("key", "blue").containsEntry("doc_count", 1);
            assertThat(JsonPath.<Double>read(search.body(), "$.aggregations.by_color.buckets[0].total.value")).isEqualTo(17.0);
            assertThat(JsonPath.<Integer>read(search.body(), "$.aggregations.by_color.sum_other_doc_count")).isZero();
            log.info("after indexing: child RSS {}", rss(pid));
        } finally {
            es.close();
        }

        assertThat(es.isRunning()).isFalse();
        Optional<ProcessHandle> child = ProcessHandle.of(pid);
        assertThat(child.map(ProcessHandle::isAlive).orElse(false)).as("child JVM %d still alive", pid).isFalse();
        es.close(); // idempotent
    }

    @Test
    void restartOnTheSameHomeKeepsTheData(@TempDir Path home) throws Exception {
        Path lib = EmbeddedElasticsearch.locateRuntimeLibDir();
        String clusterUuid;
        try (EmbeddedElasticsearch es = EmbeddedElasticsearch.start(lib, home, 0, START_TIMEOUT)) {
            assertThat(send(es, "PUT", "/notes", """
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0}}
                """).statusCode()).isEqualTo(200);
            HttpResponse<String> indexed = send(es, "PUT", "/notes/_doc/n1?refresh=true", "{\"text\": \"kept across restarts\"}");
            assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);
            clusterUuid = JsonPath.read(send(es, "GET", "/", null).body(), "$.cluster_uuid");
        }
        assertThat(Files.isDirectory(home.resolve("data"))).isTrue();

        long restartAt = System.nanoTime();
        try (EmbeddedElasticsearch es = EmbeddedElasticsearch.start(lib, home, 0, START_TIMEOUT)) {
            log.info("restarted in {} ms", (System.nanoTime() - restartAt) / 1_000_000);
            HttpResponse<String> health = send(es, "GET", "/_cluster/health/notes?wait_for_status=green&timeout=60s", null);
            assertThat(JsonPath.<String>read(health.body(), "$.status")).as(health.body()).isEqualTo("green");
            HttpResponse<String> doc = send(es, "GET", "/notes/_doc/n1", null);
            assertThat(doc.statusCode()).as(doc.body()).isEqualTo(200);
            assertThat(JsonPath.<String>read(doc.body(), "$._source.text")).isEqualTo("kept across restarts");
            assertThat(JsonPath.<Integer>read(send(es, "GET", "/notes/_count", null).body(), "$.count")).isEqualTo(1);
            assertThat(JsonPath.<String>read(send(es, "GET", "/", null).body(), "$.cluster_uuid")).isEqualTo(clusterUuid);
        }
    }

    @Test
    void aMissingRuntimeFolderIsReportedClearly(@TempDir Path dir) {
        assertThatThrownBy(() -> EmbeddedElasticsearch.start(dir.resolve("nothing"), dir.resolve("home"), 0, START_TIMEOUT))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("mvn package");
    }

    @Test
    void aBusyPortFailsWithTheChildOutput(@TempDir Path home) throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int busy = socket.getLocalPort();
            assertThatThrownBy(() -> EmbeddedElasticsearch.start(EmbeddedElasticsearch.locateRuntimeLibDir(), home, busy, START_TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("last output of the child JVM")
                .hasMessageContaining(String.valueOf(busy));
        }
    }

    private HttpResponse<String> send(EmbeddedElasticsearch es, String method, String path, String json)
        throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(es.httpUrl() + path)).timeout(Duration.ofSeconds(90));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** VmRSS of a process, from /proc (Linux); "n/a" elsewhere. */
    static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> line.substring("VmRSS:".length()).trim())
                .findFirst().orElse("n/a");
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
