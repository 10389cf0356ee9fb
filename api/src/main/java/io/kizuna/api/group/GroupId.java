package io.kizuna.api.group;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** Identifier of a directory group (SCIM Group {@code id}). */
public record GroupId(String value) {
    public GroupId {
        Objects.requireNonNull(value, "group id");
    }

    @JsonCreator
    public static GroupId of(String value) {
        return new GroupId(value);
    }

    public static GroupId generate() {
        return new GroupId(UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
