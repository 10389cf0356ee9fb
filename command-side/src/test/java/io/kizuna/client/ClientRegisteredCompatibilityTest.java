package io.kizuna.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientType;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Events evolve additively: what the ledger stored before a field existed must still load. */
class ClientRegisteredCompatibilityTest {
    final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
    final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();

    @Test
    @DisplayName("a ClientRegistered stored before access_token_format and jwks existed loads, and means jwt")
    void storedWithoutAccessTokenFormatThenLoadsAsJwt() throws Exception {
        ClientRegistered current = new ClientRegistered(new ClientId("www-demo"), "www", ClientType.CONFIDENTIAL,
                "hash", "client_secret_basic", List.of("https://www.example.jp/cb"),
                List.of("authorization_code"), List.of("openid"), null, Instant.parse("2026-11-26T03:00:00Z"), "opaque",
                "{\"keys\":[]}");
        SerializedObject<byte[]> stored = serializer.serialize(current, byte[].class);
        ObjectNode old = (ObjectNode) mapper.readTree(stored.getData());
        old.remove("accessTokenFormat");
        old.remove("jwks");

        ClientRegistered loaded = serializer.deserialize(new SimpleSerializedObject<>(mapper.writeValueAsBytes(old),
                byte[].class, ClientRegistered.class.getName(), "1"));

        assertThat(loaded.clientId()).isEqualTo(current.clientId());
        assertThat(loaded.registeredAt()).isEqualTo(current.registeredAt());
        assertThat(loaded.accessTokenFormat()).isNull();
        assertThat(loaded.accessTokenFormatOrDefault()).isEqualTo("jwt");
        assertThat(loaded.jwks()).isNull();
        assertThat(mapper.readTree(stored.getData()).has("accessTokenFormatOrDefault"))
                .as("the derived value is not stored").isFalse();
    }
}
