package io.kizuna.api.group;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Members joined the group. */
@LedgerEventType("group.members.added")
@Revision("1")
public record GroupMembersAdded(GroupId groupId, List<MemberId> members, String addedBy, Instant addedAt) implements GroupEvent {
}
