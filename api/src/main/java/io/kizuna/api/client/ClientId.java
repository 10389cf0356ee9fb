package io.kizuna.api.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** An OAuth 2.0 {@code client_id} (RFC 6749 §2.2). */
public record ClientId(String value) {
    public ClientId {
        Objects.requireNonNull(value, "client id");
    }

    @JsonCreator
    public static ClientId of(String value) {
        return new ClientId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
