package io.kizuna.api.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a group (SCIM DELETE, RFC 7644 §3.6); {@code expectedVersion} &lt; 0 means "any version". */
public record DeleteGroupCommand(@TargetAggregateIdentifier GroupId groupId, long expectedVersion,
                                 String deletedBy) {
}
