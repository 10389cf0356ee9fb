package io.kizuna.api.group;

import io.kizuna.api.member.MemberId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets a group to the given state (SCIM PUT, or the result of a PATCH): the group appends only what
 * changed ({@link GroupRenamed}, {@link GroupMembersAdded}, {@link GroupMembersRemoved}).
 * {@code expectedVersion} is the version the client saw (If-Match); a moved-on group refuses.
 */
public record UpdateGroupCommand(@TargetAggregateIdentifier GroupId groupId,
                                 String displayName,
                                 String externalId,
                                 List<MemberId> members,
                                 long expectedVersion,
                                 String updatedBy) {
}
