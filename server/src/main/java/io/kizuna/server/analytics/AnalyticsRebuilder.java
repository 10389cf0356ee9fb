package io.kizuna.server.analytics;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.analytics.AnalyticsProperties;
import io.kizuna.analytics.index.IndexGenerations;
import io.kizuna.analytics.index.LedgerEventIndexer;
import io.kizuna.analytics.index.MemberPseudonyms;
import io.kizuna.analytics.stream.LedgerEnvelope;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Rebuilds the analytics feed (the events index and the derived activity index) from the event store,
 * not from Kafka, whose retention may no longer hold the first events, while the server keeps serving:
 * <ol>
 *   <li>a new generation {@code <alias>-N+1} of each index is created (same mapping as the live ones);</li>
 *   <li>every stored event is read in global order with Axon's {@link EventStorageEngine} (upcasters
 *       applied, gaps of in-flight transactions tracked), turned into exactly the envelope the Kafka
 *       publisher sends ({@link LedgerEnvelope#of}, serialised and parsed like the topic's records) and
 *       indexed by the indexer's own code ({@link LedgerEventIndexer#index}), so documents carry member
 *       pseudonyms only and forgotten members' sealed data stays unreadable;</li>
 *   <li>both aliases move to the new indices in one {@code _aliases} request (readers and the Kafka indexer
 *       switch atomically);</li>
 *   <li>the events appended since the read (whose Kafka copies the live indexer may have written into the
 *       old generation) are indexed again through the aliases: idempotent by event id, and the activity
 *       merge is commutative;</li>
 *   <li>the old generation is deleted.</li>
 * </ol>
 */
@Service
public class AnalyticsRebuilder {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsRebuilder.class);
    static final int BATCH = 1000;

    private final EventStorageEngine storageEngine;
    private final ElasticsearchClient client;
    private final IndexGenerations generations;
    private final MemberPseudonyms pseudonyms;
    private final ObjectMapper json;
    private final AnalyticsProperties properties;
    /** Held while a rebuild runs; package-visible so a test can hold it to see the 409. */
    final ReentrantLock running = new ReentrantLock();

    public AnalyticsRebuilder(EventStorageEngine storageEngine, ElasticsearchClient client,
                              IndexGenerations generations, MemberPseudonyms pseudonyms, ObjectMapper json,
                              AnalyticsProperties properties) {
        this.storageEngine = storageEngine;
        this.client = client;
        this.generations = generations;
        this.pseudonyms = pseudonyms;
        this.json = json;
        this.properties = properties;
    }

    /** A rebuild is under way (on this node). */
    public static final class AlreadyRunningException extends RuntimeException {
        AlreadyRunningException() {
            super("an analytics rebuild is already running");
        }
    }

    public static final class RebuildFailedException extends RuntimeException {
        RebuildFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public AnalyticsRebuildReport rebuild() {
        if (!running.tryLock()) {
            throw new AlreadyRunningException();
        }
        try {
            return rebuildLocked();
        } finally {
            running.unlock();
        }
    }

    private AnalyticsRebuildReport rebuildLocked() {
        long start = System.nanoTime();
        Instant cutoff = properties.retentionDays() > 0
                ? Instant.now().minus(Duration.ofDays(properties.retentionDays())) : Instant.MIN;
        IndexGenerations.Generation events;
        IndexGenerations.Generation activity;
        try {
            generations.ensureAliases();
            events = generations.nextEvents();
            activity = generations.nextActivity();
        } catch (IOException | RuntimeException e) {
            throw new RebuildFailedException("could not create the new analytics indices", e);
        }
        Reader reader = new Reader(cutoff);
        try {
            reader.readToEnd(events.next(), activity.next());
            generations.swap(List.of(events, activity));
        } catch (IOException | RuntimeException e) {
            try {
                generations.delete(List.of(events.next(), activity.next()));
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new RebuildFailedException("analytics rebuild failed before the swap; live indices unchanged", e);
        }
        long read = reader.events;
        try {
            reader.readToEnd(properties.eventsIndex(), properties.activityIndex());
            List<String> old = new ArrayList<>(events.old());
            old.addAll(activity.old());
            generations.delete(old);
            generations.refresh(events.next(), activity.next());
            long eventDocs = client.count(c -> c.index(events.next())).count();
            long activityDocs = client.count(c -> c.index(activity.next())).count();
            double seconds = (System.nanoTime() - start) / 1e9;
            AnalyticsRebuildReport report = new AnalyticsRebuildReport(read, reader.events - read, reader.skipped,
                    eventDocs, activityDocs, Math.round(seconds * 1000) / 1000.0,
                    Math.round(reader.events / Math.max(seconds, 1e-3) * 10) / 10.0,
                    events.old(), events.next(), activity.old(), activity.next());
            LOG.info("analytics rebuilt from the event store: {}", report);
            return report;
        } catch (IOException | RuntimeException e) {
            throw new RebuildFailedException("analytics rebuild failed after the swap (the new indices are live; "
                    + "the Kafka indexer keeps them current, run the rebuild again to be sure)", e);
        }
    }

    /** Reads the store from where it stopped last time and indexes what it reads, batch by batch. */
    private final class Reader {
        private final Instant cutoff;
        private TrackingToken position;
        long events;
        long skipped;

        Reader(Instant cutoff) {
            this.cutoff = cutoff;
        }

        void readToEnd(String eventsTarget, String activityTarget) throws IOException {
            List<JsonNode> batch = new ArrayList<>(BATCH);
            try (Stream<? extends TrackedEventMessage<?>> stream = storageEngine.readEvents(position, false)) {
                var it = stream.iterator();
                while (it.hasNext()) {
                    TrackedEventMessage<?> event = it.next();
                    position = event.trackingToken();
                    events++;
                    if (event.getTimestamp().isBefore(cutoff)) {
                        skipped++;
                        continue;
                    }
                    batch.add(envelope(event));
                    if (batch.size() == BATCH) {
                        LedgerEventIndexer.index(client, pseudonyms, eventsTarget, activityTarget, batch);
                        batch.clear();
                    }
                }
            }
            LedgerEventIndexer.index(client, pseudonyms, eventsTarget, activityTarget, batch);
        }

        /** The topic's record value, parsed as the indexer parses it. */
        private JsonNode envelope(TrackedEventMessage<?> event) throws JsonProcessingException {
            return json.readTree(json.writeValueAsString(LedgerEnvelope.of(event.getPayload(), event, json)));
        }
    }
}
