package io.kizuna.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.member.MemberRegistered;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** An event stored in an old revision still loads through the application's own event store. */
@KizunaIntegrationTest
class UpcastingIT {
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Test
    @DisplayName("a member.registered row of revision 0 in PostgreSQL reads as today's MemberRegistered")
    void requestWhenOldRevisionStoredThenItLoadsUpcast() {
        String memberId = UUID.randomUUID().toString();
        String payload = "{\"memberId\":\"" + memberId + "\",\"personalData\":{\"keyId\":\"k\",\"sealed\":\"c2VhbGVk\"},"
                + "\"passwordHash\":\"$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA\",\"source\":\"shop-demo\","
                + "\"registeredAt\":\"2026-10-01T09:00:00Z\"}";
        jdbc.update("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                VALUES (?, 0, 'Member', ?, ?, ?, '0', ?, '2026-10-01T09:00:00Z')""",
                memberId, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), MemberRegistered.class.getName());

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(memberId).asStream().toList();
        assertThat(events).hasSize(1);
        MemberRegistered event = (MemberRegistered) events.get(0).getPayload();
        assertThat(event.registeredVia()).isEqualTo("shop-demo");
        assertThat(event.memberId().value()).isEqualTo(memberId);
    }
}
