package io.kizuna.member;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalData;
import io.kizuna.api.member.PersonalDataVault;
import io.kizuna.api.member.SealedPersonalData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@link PersonalData} ⇄ {@link SealedPersonalData} through the member's data key. */
@Component
public class PersonalDataCodec {
    private final PersonalDataVault vault;
    private final ObjectMapper json;

    public PersonalDataCodec(PersonalDataVault vault, ObjectMapper json) {
        this.vault = vault;
        this.json = json;
    }

    public SealedPersonalData seal(MemberId memberId, Object value) {
        try {
            return vault.seal(memberId, json.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Optional<PersonalData> open(MemberId memberId, SealedPersonalData sealed) {
        return vault.open(memberId, sealed).map(bytes -> {
            try {
                return json.readValue(bytes, PersonalData.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
