package io.kizuna.api.directory;

import java.time.Instant;

/**
 * A provisioned member as the directory read model knows it, opened for the caller: {@code entry} is the
 * SCIM User JSON (without id, meta, groups, active), {@code null} when the member's key is gone.
 */
public record DirectoryUser(String memberId, String entry, boolean active, long version, Instant created,
                            Instant lastModified) {
}
