import io.kizuna.policy.AuthenticationPolicy;
import io.kizuna.policy.Cidr;
import io.kizuna.policy.PolicyProperties;
import io.kizuna.policy.RecordedPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * CPU cost of one sign-in's policy decision (AuthenticationPolicy.decide), with the policy from
 * configuration and with a recorded policy (policy.changed) served from RecordedPolicy's cache — the
 * cache being warm, no database read is in the loop, which is what a sign-in sees between changes.
 * Networks: 2 (the embedded default) and 100 (the most a change may record); the address is outside
 * all of them, the worst case. One thread, no I/O. Run after `mvn -pl command-side -am compile`:
 *   mvn -q -o -pl command-side dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 *   java -cp command-side/target/classes:$(cat /tmp/cp.txt) bench/PolicyDecisionCost.java
 */
public class PolicyDecisionCost {
    static int reads;

    public static void main(String[] args) {
        int n = Integer.parseInt(args.length > 0 ? args[0] : "200000");
        System.out.println("| policy from | trusted networks | ns per decision (median of 5 runs of " + n + ") |");
        System.out.println("|---|---|---|");
        for (int networks : new int[] {2, 100}) {
            List<String> cidrs = IntStream.range(0, networks).mapToObj(i -> "10." + i + ".0.0/16").toList();
            PolicyProperties properties = new PolicyProperties(cidrs, true, List.of("payroll"),
                    new PolicyProperties.Risk(true, 3));
            AuthenticationPolicy configured = new AuthenticationPolicy(properties);
            RecordedPolicy.Settings settings = new RecordedPolicy.Settings(cidrs, cidrs.stream().map(Cidr::parse).toList(),
                    true, List.of("payroll"), "m-admin", "admin_console", Instant.now());
            // the real cache; the table read is a stand-in answering the recorded row (counted: one per 10 s)
            JdbcTemplate table = new JdbcTemplate() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> T query(String sql, ResultSetExtractor<T> extractor) {
                    reads++;
                    return (T) Optional.of(settings);
                }
            };
            RecordedPolicy cache = new RecordedPolicy(table, null, Clock.systemUTC(), Duration.ofSeconds(10));
            AuthenticationPolicy recorded = new AuthenticationPolicy(properties, cache);
            System.out.printf("| configuration | %d | %.0f |%n", networks, median(configured, n));
            System.out.printf("| ledger (cached) | %d | %.0f |%n", networks, median(recorded, n));
            System.out.println("<!-- table reads so far: " + reads + " -->");
        }
    }

    static double median(AuthenticationPolicy policy, int n) {
        AuthenticationPolicy.Context outside = new AuthenticationPolicy.Context("192.0.2.7", null, "www", true, 0);
        double[] runs = new double[5];
        int sink = 0;
        for (int warm = 0; warm < n; warm++) {
            sink += policy.decide(outside).reason().length();
        }
        for (int r = 0; r < runs.length; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += policy.decide(outside).reason().length();
            }
            runs[r] = (System.nanoTime() - start) / (double) n;
        }
        if (sink == 42) {
            System.out.println();
        }
        Arrays.sort(runs);
        return runs[2];
    }
}
