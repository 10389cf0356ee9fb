package io.kizuna.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The Grafana dashboards in {@code dashboards/} are tested as Grafana would run them: every
 * Elasticsearch panel's query (Lucene query, bucket aggregations, metric) is translated into the search
 * Grafana sends and run against the real Elasticsearch holding a known activity pattern, and every
 * metric a Prometheus panel uses must exist in the server's {@code /actuator/prometheus}.
 */
@KizunaIntegrationTest
class DashboardsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FROM = "2025-06-01T00:00:00Z";
    private static final String TO = "2025-06-05T00:00:00Z";

    @Value("${kizuna.issuer}")
    String issuer;

    @Value("${kizuna.analytics.elasticsearch-url}")
    String elasticsearchUrl;

    @Autowired
    Producer<String, String> producer;

    @Autowired
    ElasticsearchClient elasticsearch;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("every Elasticsearch panel of the analytics dashboard answers exactly the known activity pattern")
    void requestWhenRunningEachPanelQueryThenTheFiguresAreExact() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String a = "dash-" + run + "-a";
        String b = "dash-" + run + "-b";
        String c = "dash-" + run + "-c";
        String m1 = UUID.randomUUID().toString();
        String m2 = UUID.randomUUID().toString();
        String m3 = UUID.randomUUID().toString();
        SyntheticLedger ledger = new SyntheticLedger(producer);
        ledger.registered(m1, a, "2025-06-02T09:00:00Z");
        ledger.login(m1, a, "2025-06-02T10:00:00Z", "pwd");
        ledger.consent(m1, a, "2025-06-02T10:01:00Z");
        ledger.token(m1, a, "authorization_code", "2025-06-02T10:02:00Z");
        ledger.login(m1, b, "2025-06-03T09:00:00Z", "pwd", "otp");
        ledger.registered(m2, b, "2025-06-02T11:00:00Z");
        ledger.login(m2, b, "2025-06-02T11:05:00Z", "pwd");
        ledger.loginFailed(m2, b, "2025-06-03T08:00:00Z");
        ledger.login(m2, b, "2025-06-03T08:01:00Z", "pwd");
        ledger.consent(m2, b, "2025-06-03T08:02:00Z");
        ledger.token(m2, b, "authorization_code", "2025-06-03T08:03:00Z");
        ledger.token(m2, b, "refresh_token", "2025-06-03T12:00:00Z");
        ledger.registered(m3, c, "2025-06-04T07:00:00Z");
        ledger.login(m3, c, "2025-06-04T07:05:00Z", "pwd", "otp");
        ledger.consent(m3, c, "2025-06-04T07:06:00Z");
        ledger.token(m3, c, "authorization_code", "2025-06-04T07:07:00Z");
        ledger.login(m3, a, "2025-06-04T15:00:00Z", "pwd");
        ledger.clientToken(a, "2025-06-03T00:00:00Z");
        ledger.clientToken(a, "2025-06-03T00:00:01Z");
        ledger.awaitIndexed(elasticsearch);

        JsonNode dashboard = JSON.readTree(Files.readString(dashboards().resolve("kizuna-analytics.json")));
        String services = "(\"" + a + "\" OR \"" + b + "\" OR \"" + c + "\")";
        Map<String, Map<String, Long>> expected = Map.of(
                "Active members per service per day (DAU)", Map.of(a + "|2025-06-02", 1L, a + "|2025-06-04", 1L,
                        b + "|2025-06-02", 1L, b + "|2025-06-03", 2L, c + "|2025-06-04", 1L),
                "Sign-ins per service per day", Map.of(a + "|2025-06-02", 1L, a + "|2025-06-04", 1L,
                        b + "|2025-06-02", 1L, b + "|2025-06-03", 2L, c + "|2025-06-04", 1L),
                "Failed sign-ins per service per day", Map.of(b + "|2025-06-03", 1L),
                "Sign-ins with a second factor per service per day", Map.of(b + "|2025-06-03", 1L,
                        c + "|2025-06-04", 1L),
                "Registrations by service of origin", Map.of(a, 1L, b, 1L, c, 1L),
                "Consents granted per client", Map.of(a, 1L, b, 1L, c, 1L),
                "Access tokens issued per client", Map.of(a, 3L, b, 2L, c, 1L));
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            if (!"elasticsearch".equals(panel.path("datasource").path("type").asText())) {
                continue;
            }
            String title = panel.get("title").asText();
            assertThat(expected).as("a known figure for panel '%s'", title).containsKey(title);
            assertThat(run(panel.get("targets").get(0), services)).as(title).isEqualTo(new TreeMap<>(expected.get(title)));
            seen.add(title);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    @DisplayName("every metric the operations dashboard plots exists in /actuator/prometheus")
    void requestWhenScrapingThenEveryPanelMetricExists() throws Exception {
        Api api = new Api(issuer);
        api.get("/.well-known/openid-configuration", null);
        api.postForm("/oauth2/token", "nobody", "wrong", Map.of("grant_type", "client_credentials"));
        JsonNode dashboard = JSON.readTree(Files.readString(dashboards().resolve("kizuna-operations.json")));
        Set<String> metrics = new LinkedHashSet<>();
        Pattern metric = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.path("datasource").path("type").asText()).isEqualTo("prometheus");
            Matcher m = metric.matcher(panel.get("targets").get(0).get("expr").asText());
            while (m.find()) {
                metrics.add(m.group(1));
            }
        }
        assertThat(metrics).hasSizeGreaterThanOrEqualTo(6);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String scrape = api.get("/actuator/prometheus", null).raw().body();
            for (String name : metrics) {
                assertThat(scrape).as(name).containsPattern("(?m)^" + Pattern.quote(name) + "[{ ]");
            }
            assertThat(scrape).contains("application=\"kizuna\"");
        });
    }

    /** The search Grafana's Elasticsearch data source sends for one target, flattened to "bucket|bucket" → value. */
    private Map<String, Long> run(JsonNode target, String services) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("size", 0);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("query_string").put("query", target.get("query").asText()
                .replace("$service", services)).put("analyze_wildcard", true);
        filter.addObject().putObject("range").putObject(target.get("timeField").asText()).put("gte", FROM).put("lt", TO);
        ObjectNode aggs = body.putObject("aggs");
        for (JsonNode bucket : target.get("bucketAggs")) {
            ObjectNode agg = aggs.putObject(bucket.get("id").asText());
            switch (bucket.get("type").asText()) {
                case "terms" -> agg.putObject("terms").put("field", bucket.get("field").asText())
                        .put("size", bucket.path("settings").path("size").asInt(10))
                        .putObject("order").put("_key", "asc");
                case "date_histogram" -> agg.putObject("date_histogram").put("field", bucket.get("field").asText())
                        .put("fixed_interval", bucket.path("settings").path("interval").asText())
                        .put("min_doc_count", 1).put("format", "yyyy-MM-dd");
                default -> throw new AssertionError("bucket aggregation Grafana would need: " + bucket);
            }
            aggs = agg.putObject("aggs");
        }
        JsonNode metricDef = target.get("metrics").get(0);
        if ("cardinality".equals(metricDef.get("type").asText())) {
            aggs.putObject(metricDef.get("id").asText()).putObject("cardinality")
                    .put("field", metricDef.get("field").asText())
                    .put("precision_threshold", metricDef.path("settings").path("precision_threshold").asInt(3000));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(elasticsearchUrl
                + "/kizuna-events/_search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        TreeMap<String, Long> values = new TreeMap<>();
        collect(JSON.readTree(response.body()).get("aggregations"), target.get("bucketAggs"), 0, "",
                metricDef, values);
        return values;
    }

    private static void collect(JsonNode aggs, JsonNode bucketAggs, int level, String prefix, JsonNode metric,
                                Map<String, Long> values) {
        JsonNode buckets = aggs.get(bucketAggs.get(level).get("id").asText()).get("buckets");
        for (JsonNode bucket : buckets) {
            String key = bucket.has("key_as_string") ? bucket.get("key_as_string").asText() : bucket.get("key").asText();
            String path = prefix.isEmpty() ? key : prefix + "|" + key;
            if (level + 1 < bucketAggs.size()) {
                collect(bucket, bucketAggs, level + 1, path, metric, values);
            } else if ("count".equals(metric.get("type").asText())) {
                values.put(path, bucket.get("doc_count").asLong());
            } else {
                values.put(path, bucket.get(metric.get("id").asText()).get("value").asLong());
            }
        }
    }

    private static Path dashboards() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("dashboards"))) {
                return dir.resolve("dashboards");
            }
        }
        throw new IllegalStateException("dashboards/ not found above " + Path.of("").toAbsolutePath());
    }
}
