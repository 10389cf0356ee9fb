package io.kizuna.analytics.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/** The one envelope shape shared by the Kafka publisher and the analytics rebuild. */
class LedgerEnvelopeTest {
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());

    @LedgerEventType("test.thing.happened")
    @Revision("2")
    record ThingHappened(String memberId, String passwordHash, String nonce, String clientId) {
    }

    @Test
    void domainEventCarriesAggregateAndWithholdsSecrets() {
        ThingHappened payload = new ThingHappened("m-1", "$argon2id$…", "n-1", "site-a");
        var message = new GenericDomainEventMessage<>("Member", "m-1", 7, payload);
        LedgerEnvelope envelope = LedgerEnvelope.of(payload, message, json);
        assertThat(envelope.eventId()).isEqualTo(message.getIdentifier());
        assertThat(envelope.type()).isEqualTo("test.thing.happened");
        assertThat(envelope.revision()).isEqualTo("2");
        assertThat(envelope.aggregateType()).isEqualTo("Member");
        assertThat(envelope.aggregateId()).isEqualTo("m-1");
        assertThat(envelope.sequence()).isEqualTo(7);
        assertThat(envelope.occurredAt()).isEqualTo(message.getTimestamp());
        assertThat(envelope.payload().has("passwordHash")).isFalse();
        assertThat(envelope.payload().has("nonce")).isFalse();
        assertThat(envelope.payload().get("clientId").asText()).isEqualTo("site-a");
    }

    @Test
    void backchannelRequestWithholdsTheAuthReqIdHash() {
        var payload = new io.kizuna.api.grant.BackchannelAuthenticationRequested(
                new io.kizuna.api.grant.GrantId("g-1"), new io.kizuna.api.client.ClientId("counter"),
                new io.kizuna.api.member.MemberId("m-1"), "hash-of-auth-req-id", java.util.List.of("openid"),
                java.util.List.of(), "poll", 5, java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(300));
        var message = new GenericDomainEventMessage<>("Grant", "g-1", 0, payload);
        LedgerEnvelope envelope = LedgerEnvelope.of(payload, message, json);
        assertThat(envelope.type()).isEqualTo("grant.backchannel_authentication.requested");
        assertThat(envelope.payload().has("authReqIdHash")).isFalse();
        assertThat(envelope.payload().toString()).doesNotContain("hash-of-auth-req-id");
        assertThat(envelope.payload().has("memberId")).isTrue();
    }

    @Test
    void deviceAuthorizationWithholdsTheDeviceAndUserCodeHashes() {
        var payload = new io.kizuna.api.grant.DeviceAuthorizationIssued(new io.kizuna.api.grant.GrantId("g-2"),
                new io.kizuna.api.client.ClientId("tv"), "hash-of-device-code", "hash-of-user-code",
                java.util.List.of("openid"), 5, java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(600));
        var message = new GenericDomainEventMessage<>("Grant", "g-2", 0, payload);
        LedgerEnvelope envelope = LedgerEnvelope.of(payload, message, json);
        assertThat(envelope.type()).isEqualTo("grant.device_authorization.issued");
        assertThat(envelope.payload().toString()).doesNotContain("hash-of-device-code").doesNotContain("hash-of-user-code");
        assertThat(envelope.payload().get("clientId").asText()).isEqualTo("tv");
    }

    @Test
    void eventWithoutAggregateIsKeyedByItsId() {
        ThingHappened payload = new ThingHappened(null, null, null, "site-b");
        var message = GenericEventMessage.asEventMessage(payload);
        LedgerEnvelope envelope = LedgerEnvelope.of(payload, message, json);
        assertThat(envelope.aggregateType()).isNull();
        assertThat(envelope.aggregateId()).isEqualTo(message.getIdentifier());
        assertThat(envelope.sequence()).isZero();
        assertThat(envelope.occurredAt()).isBeforeOrEqualTo(Instant.now());
    }
}
