package io.kizuna.server.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Benchmark, not a test (the name keeps it out of Surefire and Failsafe's default includes): provisions a
 * directory through SCIM Bulk, then times filters that use the keyed-HMAC lookup (userName eq) and ones
 * that open every sealed entry. Run it alone:
 * {@code mvn -q -pl server -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=None -Dit.test=ScimDirectoryBenchmark -Dscim.bench.users=2000};
 * results go to docs/benchmarks/ by hand (printed as RESULT lines).
 */
@KizunaIntegrationTest
class ScimDirectoryBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Value("${kizuna.issuer}")
    String issuer;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void filterLatency() throws Exception {
        int users = Integer.getInteger("scim.bench.users", 2000);
        Api api = new Api(issuer);
        Api.Response c = api.postJson("/admin/api/clients", Api.ADMIN_TOKEN, Map.of("client_name", "SCIM bench",
                "grant_types", List.of("client_credentials"), "scope", "scim"));
        String token = api.postForm("/oauth2/token", c.json().get("client_id").asText(),
                c.json().get("client_secret").asText(), Map.of("grant_type", "client_credentials"))
                .json().get("access_token").asText();
        String run = UUID.randomUUID().toString().substring(0, 6);
        long start = System.nanoTime();
        for (int batch = 0; batch < users / 100; batch++) {
            List<Map<String, Object>> ops = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = batch * 100 + i;
                ops.add(Map.of("method", "POST", "path", "/Users", "bulkId", "u" + n, "data", Map.of(
                        "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                        "userName", "bench" + n + "." + run + "@corp.example",
                        "name", Map.of("givenName", "Given" + n, "familyName", "Family" + (n % 50)),
                        "emails", List.of(Map.of("value", "bench" + n + "." + run + "@corp.example", "type", "work")))));
            }
            JsonNode r = send(token, "POST", "/Bulk", JSON.writeValueAsString(Map.of(
                    "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:BulkRequest"), "Operations", ops)));
            assertThat(r.get("Operations").get(99).get("status").asText()).isEqualTo("201");
        }
        double provisionSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("RESULT provisioned %d users through Bulk in %.1f s = %.0f users/s%n", users,
                provisionSeconds, users / provisionSeconds);

        time(token, "userName eq (HMAC lookup, opens 1 entry)",
                "userName eq \"bench" + (users / 2) + "." + run + "@corp.example\"", 1);
        time(token, "userName sw (opens every entry)", "userName sw \"bench1" + "\" and userName co \"" + run + "\"", -1);
        time(token, "name.familyName eq (opens every entry)",
                "name.familyName eq \"Family7\" and userName co \"" + run + "\"", users / 50);
        time(token, "emails[type eq work and value co …] (opens every entry)",
                "emails[type eq \"work\" and value co \"bench12." + run + "\"]", 1);
        time(token, "no filter, count=100 (opens every entry, returns 100)", null, -1);
    }

    private void time(String token, String name, String filter, int expected) throws Exception {
        long[] ms = new long[7];
        int total = -1;
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            JsonNode r = send(token, "GET", "/Users?count=100" + (filter == null ? ""
                    : "&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8)), null);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
            total = r.get("totalResults").asInt();
        }
        if (expected >= 0) {
            assertThat(total).isEqualTo(expected);
        }
        long first = ms[0];
        long[] rest = Arrays.copyOfRange(ms, 1, ms.length);
        Arrays.sort(rest);
        System.out.printf("RESULT %s: totalResults %d, first %d ms, p50 %d ms, max %d ms (6 warm calls)%n", name, total,
                first, rest[rest.length / 2], rest[rest.length - 1]);
    }

    private JsonNode send(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(issuer + "/scim/v2" + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/scim+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isLessThan(300);
        return JSON.readTree(r.body());
    }
}
