package io.kizuna.api.directory;

import java.time.Instant;
import java.util.List;

/** A directory group as the read model knows it; {@code members} are member ids in join order. */
public record DirectoryGroup(String groupId, String displayName, String externalId, List<String> members,
                             long version, Instant created, Instant lastModified) {
}
