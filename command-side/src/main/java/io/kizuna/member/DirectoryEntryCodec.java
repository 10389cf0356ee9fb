package io.kizuna.member;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalDataVault;
import io.kizuna.api.member.SealedPersonalData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A provisioned member's directory entry (the SCIM User attributes as JSON) ⇄ {@link SealedPersonalData}
 * under the member's own data key, like {@link PersonalDataCodec}: forgetting the member shreds it too.
 */
@Component
public class DirectoryEntryCodec {
    private final PersonalDataVault vault;
    private final ObjectMapper json;

    public DirectoryEntryCodec(PersonalDataVault vault, ObjectMapper json) {
        this.vault = vault;
        this.json = json;
    }

    public SealedPersonalData seal(MemberId memberId, ObjectNode entry) {
        try {
            return vault.seal(memberId, json.writeValueAsBytes(entry));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<ObjectNode> open(MemberId memberId, SealedPersonalData sealed) {
        return vault.open(memberId, sealed).map(bytes -> {
            try {
                return (ObjectNode) json.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The login of a provisioned member is its SCIM userName. */
    public static String userName(ObjectNode entry) {
        return entry.path("userName").asText("");
    }

    public static String externalId(ObjectNode entry) {
        return entry.hasNonNull("externalId") ? entry.get("externalId").asText() : null;
    }
}
