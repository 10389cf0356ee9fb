package io.kizuna.server.rebuild;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * What a read-model rebuild did. {@code rows} is each rebuilt table's row count at the swap;
 * {@code differences} (only when compared) the rows present in one model and not the other, per table,
 * counted inside the swap transaction where both describe exactly the same committed events.
 *
 * @param eventsReplayed      stored events read, from the first, in global order
 * @param handlerCalls        events handed to a projection that handles them
 * @param passes              passes over the ledger (first replay, catch-ups, tail under the lock)
 * @param lockAttempts        attempts to lock the live tables (a writer holding one makes the rebuild retry)
 * @param workers             threads (each with its own connection) applying events, each owning some projections
 * @param durationSeconds     wall time of the whole rebuild, schema creation to swap
 * @param lockHeldMillis      how long writers of the read models waited for the swap
 * @param eventsPerSecond     eventsReplayed / durationSeconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RebuildReport(Instant startedAt, String schema, long eventsReplayed, long handlerCalls, int passes,
                            int lockAttempts, int workers, double durationSeconds, long lockHeldMillis,
                            long eventsPerSecond,
                            Map<String, Long> rows, Map<String, Long> differences) {

    /** True when a comparison ran and found no difference. */
    @com.fasterxml.jackson.annotation.JsonProperty("matchesLive")
    public Boolean matchesLive() {
        return differences == null ? null : differences.values().stream().allMatch(d -> d == 0);
    }
}
