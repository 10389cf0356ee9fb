package io.kizuna.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Ledger metrics for the operations dashboard: events appended (the store's head, a monotonic count
 * read at scrape time) and, per tracking processor, how many events it is behind that head.
 */
@Component
public class LedgerMetrics implements MeterBinder {
    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    public LedgerMetrics(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("kizuna.ledger.events.appended", this, LedgerMetrics::head)
                .description("Events appended to the ledger (highest global index)")
                .register(registry);
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof TrackingEventProcessor tracking) {
                Gauge.builder("kizuna.event.processor.lag", tracking, this::lag)
                        .description("Events between the ledger head and the slowest segment of the processor")
                        .baseUnit("events")
                        .tag("processor", name)
                        .register(registry);
            }
        });
    }

    private double head() {
        try {
            Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
            return head == null ? 0 : head;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private double lag(TrackingEventProcessor processor) {
        double head = head();
        OptionalLong slowest = processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
        return slowest.isPresent() ? Math.max(0, head - slowest.getAsLong()) : head;
    }
}
