package io.kizuna.api.member;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** The shared member ID every service site sees as {@code sub}. */
public record MemberId(String value) {
    public MemberId {
        Objects.requireNonNull(value, "member id");
    }

    @JsonCreator
    public static MemberId of(String value) {
        return new MemberId(value);
    }

    public static MemberId generate() {
        return new MemberId(UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
