package io.kizuna.api.group;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Members left the group. */
@LedgerEventType("group.members.removed")
@Revision("1")
public record GroupMembersRemoved(GroupId groupId, List<MemberId> members, String removedBy, Instant removedAt) implements GroupEvent {
}
