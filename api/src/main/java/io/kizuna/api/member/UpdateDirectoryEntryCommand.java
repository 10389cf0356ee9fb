package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a provisioned member's directory entry (SCIM PUT or PATCH, RFC 7644 §3.5) in one step:
 * the sealed attributes, optionally a new password hash, and the {@code active} flag. {@code expectedVersion}
 * is the directory version the client saw (SCIM {@code meta.version}, If-Match); the member refuses the
 * change when it moved on since.
 */
public record UpdateDirectoryEntryCommand(@TargetAggregateIdentifier MemberId memberId,
                                          SealedPersonalData personalData,
                                          SealedPersonalData directoryEntry,
                                          String passwordHash,
                                          boolean active,
                                          long expectedVersion,
                                          String updatedBy) {
}
