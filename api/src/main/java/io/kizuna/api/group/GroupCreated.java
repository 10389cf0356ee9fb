package io.kizuna.api.group;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A directory group was created with its first members. */
@LedgerEventType("group.created")
@Revision("1")
public record GroupCreated(GroupId groupId, String displayName, String externalId, List<MemberId> members, String createdBy, Instant createdAt) implements GroupEvent {
}
