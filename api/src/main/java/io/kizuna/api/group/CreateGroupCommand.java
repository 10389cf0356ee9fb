package io.kizuna.api.group;

import io.kizuna.api.member.MemberId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a directory group (SCIM 2.0 Group, RFC 7643 §4.2). A group's display name and external id are
 * organisational data, not a person's, so they are kept in plaintext; members are member ids only.
 */
public record CreateGroupCommand(@TargetAggregateIdentifier GroupId groupId,
                                 String displayName,
                                 String externalId,
                                 List<MemberId> members,
                                 String createdBy) {
}
