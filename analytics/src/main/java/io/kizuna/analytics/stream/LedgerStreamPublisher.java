package io.kizuna.analytics.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.analytics.AnalyticsProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Publishes every ledger event to Kafka from a tracking processor that starts at the very first event
 * of the store. A batch's token advances only after Kafka acknowledged all its records (the sends are
 * awaited before the unit of work commits), so nothing is lost across crashes and restarts:
 * at-least-once, with duplicates recognisable by event id.
 */
@Component
@ProcessingGroup(LedgerStreamPublisher.PROCESSING_GROUP)
public class LedgerStreamPublisher {
    public static final String PROCESSING_GROUP = "ledger-stream";
    /** Fields that never leave the ledger, even as hashes. */
    static final Set<String> WITHHELD = LedgerEnvelope.WITHHELD;
    private static final String PENDING = LedgerStreamPublisher.class.getName() + ".pending";

    private final Producer<String, String> producer;
    private final ObjectMapper json;
    private final AnalyticsProperties properties;

    public LedgerStreamPublisher(Producer<String, String> ledgerProducer, ObjectMapper json,
                                 AnalyticsProperties properties) {
        this.producer = ledgerProducer;
        this.json = json;
        this.properties = properties;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) throws Exception {
        LedgerEnvelope envelope = envelope(payload, message);
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(properties.topic(), envelope.aggregateId(),
                json.writeValueAsString(envelope)));
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> uow = CurrentUnitOfWork.get().root();
            List<Future<RecordMetadata>> pending = uow.getOrComputeResource(PENDING, key -> {
                List<Future<RecordMetadata>> list = new ArrayList<>();
                uow.onPrepareCommit(u -> awaitAll(list));
                return list;
            });
            pending.add(sent);
        } else {
            sent.get(30, TimeUnit.SECONDS);
        }
    }

    LedgerEnvelope envelope(Object payload, EventMessage<?> message) {
        return LedgerEnvelope.of(payload, message, json);
    }

    private void awaitAll(List<Future<RecordMetadata>> pending) {
        producer.flush();
        for (Future<RecordMetadata> f : pending) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing to Kafka", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge a ledger event; the batch will be retried", e);
            }
        }
    }
}
