package io.kizuna.api.group;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The group's display name or external id changed. */
@LedgerEventType("group.renamed")
@Revision("1")
public record GroupRenamed(GroupId groupId, String displayName, String externalId, String renamedBy, Instant renamedAt) implements GroupEvent {
}
