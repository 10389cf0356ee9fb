package io.kizuna.server.health;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code eventStore} in {@code /actuator/health}: UP when the ledger's table answers. */
@Component("eventStore")
public class EventStoreHealthIndicator extends AbstractHealthIndicator {
    private final JdbcTemplate jdbc;

    public EventStoreHealthIndicator(JdbcTemplate jdbc) {
        super("the event store is not reachable");
        this.jdbc = jdbc;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Long last = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        builder.up().withDetail("database", "PostgreSQL").withDetail("lastGlobalIndex", last == null ? -1 : last);
    }
}
