package io.kizuna.api.signingkey;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** A signing key's {@code kid} (RFC 7517 §4.5), the identity of its {@code SigningKey} aggregate. */
public record SigningKeyId(String value) {
    public SigningKeyId {
        Objects.requireNonNull(value, "kid");
    }

    @JsonCreator
    public static SigningKeyId of(String value) {
        return new SigningKeyId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
