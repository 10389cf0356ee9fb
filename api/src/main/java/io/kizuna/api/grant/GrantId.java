package io.kizuna.api.grant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** One authorization's life: code → tokens → refreshes → revocation. */
public record GrantId(String value) {
    public GrantId {
        Objects.requireNonNull(value, "grant id");
    }

    @JsonCreator
    public static GrantId of(String value) {
        return new GrantId(value);
    }

    public static GrantId generate() {
        return new GrantId(UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
