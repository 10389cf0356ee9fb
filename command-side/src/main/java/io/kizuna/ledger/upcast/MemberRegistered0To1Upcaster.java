package io.kizuna.ledger.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kizuna.api.member.MemberRegistered;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code member.registered} revision 0 → 1: the pre-release shape called the registering site
 * {@code source} and had no value for self-registration; revision 1 calls it {@code registeredVia}
 * and says {@code self}. One class per revision step, so a chain 0 → 1 → 2 reads step by step; old
 * events are never rewritten in the store (the hash chain covers them as written).
 */
@Component
@Order(0)
public class MemberRegistered0To1Upcaster extends SingleEventUpcaster {
    static final SimpleSerializedType FROM = new SimpleSerializedType(MemberRegistered.class.getName(), "0");
    static final SimpleSerializedType TO = new SimpleSerializedType(MemberRegistered.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return FROM.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(TO, JsonNode.class, MemberRegistered0To1Upcaster::upcast);
    }

    static JsonNode upcast(JsonNode payload) {
        ObjectNode node = (ObjectNode) payload.deepCopy();
        JsonNode source = node.remove("source");
        node.put("registeredVia", source == null || source.isNull() || source.asText().isBlank() ? "self"
                : source.asText());
        return node;
    }
}
