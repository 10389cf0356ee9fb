package io.kizuna.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker/} cannot be started here (no Docker engine), so its files are checked against each
 * other and against {@code dashboards/}: what Grafana mounts is where the dashboard provider reads,
 * every data source uid a panel names is provisioned with the panel's type, the provisioning's
 * environment variables are set by the compose file, and Prometheus scrapes the actuator endpoint on
 * the address the data source points at.
 */
class DockerProvisioningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private final Path root = repositoryRoot();
    private final Path docker = root.resolve("docker");

    @Test
    @DisplayName("every data source uid used by a dashboard panel, target or variable is provisioned with the same type")
    void provisionedDataSourcesMatchTheDashboards() throws IOException {
        Map<String, String> provisioned = new TreeMap<>();
        for (Map<String, Object> ds : list(yaml(docker.resolve("grafana/provisioning/datasources/kizuna.yaml")), "datasources")) {
            provisioned.put((String) ds.get("uid"), (String) ds.get("type"));
        }
        Map<String, String> used = new TreeMap<>();
        for (Path file : dashboardFiles()) {
            collectDataSources(JSON.readTree(Files.readString(file)), used);
        }
        assertThat(used).isNotEmpty();
        assertThat(provisioned).containsAllEntriesOf(used);
        assertThat(used).containsEntry("kizuna-elasticsearch", "elasticsearch").containsEntry("kizuna-prometheus", "prometheus");
    }

    @Test
    @DisplayName("the Elasticsearch data source reads the events alias by its time field, as the panels' queries assume")
    void elasticsearchDataSourceReadsTheEventsAlias() throws IOException {
        Map<String, Object> es = list(yaml(docker.resolve("grafana/provisioning/datasources/kizuna.yaml")), "datasources")
                .stream().filter(d -> "elasticsearch".equals(d.get("type"))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> jsonData = (Map<String, Object>) es.get("jsonData");
        assertThat(jsonData).containsEntry("index", "kizuna-events").containsEntry("timeField", "occurred_at");
        for (Path file : dashboardFiles()) {
            // the analytics dashboard's date histograms group on the same field
            String text = Files.readString(file);
            if (text.contains("\"elasticsearch\"")) {
                assertThat(text).contains("\"timeField\": \"occurred_at\"");
            }
        }
    }

    @Test
    @DisplayName("Grafana mounts dashboards/ where the dashboard provider reads, and the provisioning where Grafana looks")
    void dashboardProviderFindsTheDashboardFiles() throws IOException {
        Map<String, Object> grafana = service("grafana");
        Map<String, String> mounts = mounts(grafana);
        assertThat(mounts).containsEntry("./grafana/provisioning", "/etc/grafana/provisioning");
        List<Map<String, Object>> providers = list(yaml(docker.resolve("grafana/provisioning/dashboards/kizuna.yaml")), "providers");
        assertThat(providers).hasSize(1);
        @SuppressWarnings("unchecked")
        String path = (String) ((Map<String, Object>) providers.get(0).get("options")).get("path");
        String source = mounts.entrySet().stream().filter(e -> e.getValue().equals(path)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("nothing is mounted at the provider's path " + path));
        Path mounted = docker.resolve(source).normalize();
        assertThat(mounted).isEqualTo(root.resolve("dashboards").normalize());
        try (Stream<Path> files = Files.list(mounted)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).toList())
                    .containsExactlyInAnyOrder("kizuna-analytics.json", "kizuna-operations.json");
        }
        for (String bindSource : mounts.keySet()) {
            if (bindSource.startsWith(".")) {
                assertThat(docker.resolve(bindSource)).as(bindSource).exists();
            }
        }
    }

    @Test
    @DisplayName("every ${VAR} in the data sources is set in Grafana's environment, Prometheus's URL is where Prometheus listens")
    void environmentAndAddressesAgree() throws IOException {
        Map<String, Object> grafana = service("grafana");
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) grafana.get("environment");
        Set<String> referenced = new TreeSet<>();
        Matcher m = ENV.matcher(Files.readString(docker.resolve("grafana/provisioning/datasources/kizuna.yaml")));
        while (m.find()) {
            referenced.add(m.group(1));
        }
        assertThat(referenced).containsExactlyInAnyOrder("KIZUNA_ELASTICSEARCH_URL", "KIZUNA_PROMETHEUS_URL");
        assertThat(env).containsKeys(referenced.toArray(String[]::new));
        @SuppressWarnings("unchecked")
        List<String> command = (List<String>) service("prometheus").get("command");
        String listen = command.stream().filter(c -> c.startsWith("--web.listen-address=")).findFirst().orElseThrow()
                .substring("--web.listen-address=".length());
        assertThat((String) env.get("KIZUNA_PROMETHEUS_URL")).endsWith(":-http://" + listen + "}");
        assertThat(command).contains("--config.file=/etc/prometheus/prometheus.yml");
        assertThat(mounts(service("prometheus"))).containsEntry("./prometheus/prometheus.yml", "/etc/prometheus/prometheus.yml");
        // no default admin password: compose refuses to start without one
        assertThat((String) env.get("GF_SECURITY_ADMIN_PASSWORD")).startsWith("${GRAFANA_ADMIN_PASSWORD:?");
    }

    @Test
    @DisplayName("Prometheus scrapes Spring Boot's /actuator/prometheus of the Kizuna node")
    void prometheusScrapesTheActuator() throws IOException {
        List<Map<String, Object>> jobs = list(yaml(docker.resolve("prometheus/prometheus.yml")), "scrape_configs");
        Map<String, Object> kizuna = jobs.stream().filter(j -> "kizuna".equals(j.get("job_name"))).findFirst().orElseThrow();
        assertThat(kizuna).containsEntry("metrics_path", "/actuator/prometheus");
        @SuppressWarnings("unchecked")
        List<String> targets = (List<String>) ((List<Map<String, Object>>) kizuna.get("static_configs")).get(0).get("targets");
        assertThat(targets).containsExactly("127.0.0.1:8080");
    }

    private List<Path> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("dashboards"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Every {@code "datasource": {"type", "uid"}} in a dashboard (panels, targets, template variables). */
    private static void collectDataSources(JsonNode node, Map<String, String> used) {
        if (node.isObject()) {
            JsonNode ds = node.get("datasource");
            if (ds != null && ds.isObject() && ds.hasNonNull("uid")) {
                String uid = ds.get("uid").asText();
                if (!uid.startsWith("$") && !uid.startsWith("-- ")) {
                    used.put(uid, ds.path("type").asText());
                }
            }
            node.elements().forEachRemaining(child -> collectDataSources(child, used));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectDataSources(child, used));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String name) throws IOException {
        return (Map<String, Object>) ((Map<String, Object>) yaml(docker.resolve("compose.yaml")).get("services")).get(name);
    }

    /** Short-syntax bind mounts {@code source:target[:ro]}, named volumes skipped. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> mounts(Map<String, Object> service) {
        Map<String, String> mounts = new HashMap<>();
        for (String volume : (List<String>) service.get("volumes")) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                mounts.put(parts[0], parts[1]);
            }
        }
        return mounts;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> yaml, String key) {
        return (List<Map<String, Object>>) yaml.get(key);
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docker")) && Files.isDirectory(dir.resolve("dashboards"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docker/ and dashboards/ not found above " + Path.of("").toAbsolutePath());
    }
}
