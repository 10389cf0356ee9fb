package io.kizuna.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The coarse region of a sign-in's source address, for analytics ("where known"), from a table the
 * operator configures: {@code kizuna.regions.networks.<region>=<CIDR>,<CIDR>…}, region codes being ISO
 * 3166-1 alpha-2 countries ({@code JP}) or ISO 3166-2 subdivisions ({@code JP-13}). The most specific
 * (longest-prefix) network wins; an address in no network has no region (null). Only the region code
 * is recorded in the sign-in event; the address itself stays sealed in the event's context.
 *
 * <p>The source address is what the servlet container reports: behind a reverse proxy, enable
 * {@code server.forward-headers-strategy} so that it is the client's address from the trusted
 * proxy's {@code X-Forwarded-For}/{@code Forwarded} (RFC 7239) header, not the proxy's.
 */
@Component
@EnableConfigurationProperties(SourceRegions.Properties.class)
public class SourceRegions {
    public static final SourceRegions NONE = new SourceRegions(new Properties(Map.of()));
    static final Pattern REGION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
    private final List<Entry> table;

    public SourceRegions(Properties properties) {
        List<Entry> entries = new ArrayList<>();
        properties.networks().forEach((key, networks) -> {
            String region = key.strip().toUpperCase(java.util.Locale.ROOT);
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("kizuna.regions.networks: region codes are ISO 3166-1 alpha-2 "
                        + "or ISO 3166-2 (JP, JP-13), not " + region);
            }
            networks.forEach(n -> entries.add(new Entry(Cidr.parse(n), region)));
        });
        entries.sort(Comparator.comparingInt((Entry e) -> e.network().prefix()).reversed());
        this.table = List.copyOf(entries);
    }

    /** The region of {@code sourceAddress}, or null when the table does not place it. */
    public String of(String sourceAddress) {
        for (Entry e : table) {
            if (e.network().contains(sourceAddress)) {
                return e.region();
            }
        }
        return null;
    }

    private record Entry(Cidr network, String region) {
    }

    /** @param networks region code → CIDR ranges */
    @ConfigurationProperties(prefix = "kizuna.regions")
    public record Properties(Map<String, List<String>> networks) {
        public Properties {
            networks = networks == null ? Map.of() : Map.copyOf(networks);
        }
    }
}
