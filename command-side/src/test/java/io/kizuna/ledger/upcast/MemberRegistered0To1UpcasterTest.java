package io.kizuna.ledger.upcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kizuna.api.member.MemberRegistered;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** JSON fixtures of the old shape, through the real upcaster chain and the real Jackson serializer. */
class MemberRegistered0To1UpcasterTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();

    @Test
    @DisplayName("revision 0 'source' becomes revision 1 'registeredVia' and loads as today's event")
    void requestWhenRevisionZeroThenLoadsWithRegisteredVia() throws IOException {
        MemberRegistered event = upcastAndLoad("member-registered-rev0.json");
        assertThat(event.registeredVia()).isEqualTo("www-demo");
        assertThat(event.memberId().value()).isEqualTo("0b9f7e52-4c55-4d3f-9c0e-7f1f2a6b9c01");
        assertThat(event.registeredAt()).isEqualTo(Instant.parse("2026-10-01T09:00:00Z"));
    }

    @Test
    @DisplayName("a revision 0 self-registration (source null) reads as registeredVia 'self'")
    void requestWhenRevisionZeroWithoutSourceThenSelf() throws IOException {
        assertThat(upcastAndLoad("member-registered-rev0-self.json").registeredVia()).isEqualTo("self");
    }

    @Test
    @DisplayName("revision 1 events pass through untouched")
    void requestWhenRevisionOneThenUnchanged() throws IOException {
        String json = fixture("member-registered-rev0.json").replace("\"source\"", "\"registeredVia\"");
        IntermediateEventRepresentation out = chain(json, "1").get(0);
        assertThat(out.getType().getRevision()).isEqualTo("1");
        assertThat(new String(out.getData(byte[].class).getData(), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    private MemberRegistered upcastAndLoad(String fixture) throws IOException {
        IntermediateEventRepresentation out = chain(fixture(fixture), "0").get(0);
        assertThat(out.getType().getRevision()).isEqualTo("1");
        return serializer.deserialize(out.getData());
    }

    private List<IntermediateEventRepresentation> chain(String json, String revision) {
        SerializedObject<byte[]> payload = new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8),
                byte[].class, MemberRegistered.class.getName(), revision);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Member", "0b9f", 0, "event-1",
                Instant.parse("2026-10-01T09:00:00Z"), payload.getType().getName(), revision, payload.getData(),
                "{}".getBytes(StandardCharsets.UTF_8));
        return new EventUpcasterChain(new MemberRegistered0To1Upcaster())
                .upcast(java.util.stream.Stream.of(new InitialEventRepresentation(entry, serializer)))
                .collect(Collectors.toList());
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = MemberRegistered0To1UpcasterTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
