package io.kizuna.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.api.policy.AuthenticationPolicyChanged;
import io.kizuna.config.CommandSideConfiguration;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code authentication_policy} table, written in the transaction of each {@code policy.changed}
 * event, and a cache of it for the sign-in's hot path. This node drops the cache when its own change
 * commits; other nodes reload at most {@code kizuna.policy.refresh} (10 s by default) later.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class RecordedPolicy {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration refresh;
    private volatile Cached cached;

    public RecordedPolicy(JdbcTemplate jdbc, ObjectMapper json, Clock clock,
                          @Value("${kizuna.policy.refresh:PT10S}") Duration refresh) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.refresh = refresh;
    }

    /**
     * The settings an administrator recorded last.
     *
     * @param trusted the parsed {@code trustedNetworks}, ready for matching
     */
    public record Settings(List<String> trustedNetworks, List<Cidr> trusted, boolean otpOutsideTrustedNetworks,
                           List<String> secondFactorClients, String changedBy, String changedVia, Instant changedAt) {
    }

    private record Cached(Optional<Settings> settings, Instant loadedAt) {
    }

    /** The recorded policy, or empty while no administrator has changed it (the configuration applies). */
    public Optional<Settings> current() {
        Cached c = cached;
        Instant now = clock.instant();
        if (c == null || !c.loadedAt().plus(refresh).isAfter(now)) {
            c = new Cached(load(), now);
            cached = c;
        }
        return c.settings();
    }

    private Optional<Settings> load() {
        return jdbc.query("SELECT * FROM authentication_policy", rs -> {
            if (!rs.next()) {
                return Optional.empty();
            }
            List<String> networks = read(rs.getString("trusted_networks"));
            // recorded networks were checked by the aggregate; one that no longer parses is skipped, not fatal
            List<Cidr> parsed = networks.stream().flatMap(n -> {
                try {
                    return java.util.stream.Stream.of(Cidr.parse(n));
                } catch (IllegalArgumentException e) {
                    return java.util.stream.Stream.empty();
                }
            }).toList();
            return Optional.of(new Settings(networks, parsed, rs.getBoolean("otp_outside_trusted_networks"),
                    read(rs.getString("second_factor_clients")), rs.getString("changed_by"),
                    rs.getString("changed_via"), rs.getTimestamp("changed_at").toInstant()));
        });
    }

    @EventHandler
    void on(AuthenticationPolicyChanged e) {
        jdbc.update("""
                INSERT INTO authentication_policy (policy_id, trusted_networks, otp_outside_trusted_networks,
                    second_factor_clients, changed_by, changed_via, changed_at)
                VALUES (?, ?::jsonb, ?, ?::jsonb, ?, ?, ?)
                ON CONFLICT (policy_id) DO UPDATE SET trusted_networks = EXCLUDED.trusted_networks,
                    otp_outside_trusted_networks = EXCLUDED.otp_outside_trusted_networks,
                    second_factor_clients = EXCLUDED.second_factor_clients, changed_by = EXCLUDED.changed_by,
                    changed_via = EXCLUDED.changed_via, changed_at = EXCLUDED.changed_at""",
                e.policyId(), write(e.trustedNetworks()), e.otpOutsideTrustedNetworks(),
                write(e.secondFactorClients()), e.by(), e.changedVia(), Timestamp.from(e.changedAt()));
        invalidate();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    invalidate();
                }
            });
        }
    }

    /** Forgets the cached row: the next sign-in reads the table (also after a read-model rebuild). */
    public void invalidate() {
        cached = null;
    }

    private String write(List<String> values) {
        try {
            return json.writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String value) {
        try {
            return value == null ? List.of() : List.copyOf(json.readValue(value, STRINGS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("authentication_policy holds unreadable JSON", e);
        }
    }
}
