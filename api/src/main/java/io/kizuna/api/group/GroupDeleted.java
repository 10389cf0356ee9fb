package io.kizuna.api.group;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The group was deleted; its id is not reused. */
@LedgerEventType("group.deleted")
@Revision("1")
public record GroupDeleted(GroupId groupId, String deletedBy, Instant deletedAt) implements GroupEvent {
}
