package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a member from an HR / directory system (SCIM 2.0, RFC 7644 §3.3). {@code personalData} is what
 * UserInfo and mails read (sealed); {@code directoryEntry} is the whole SCIM User representation, sealed
 * under the same member key, so forgetting the member shreds both. {@code passwordHash} is an Argon2id
 * PHC string or {@code null} (the member sets one through the mailed reset link). {@code provisionedBy}
 * is the client id of the provisioning client.
 */
public record ProvisionMemberCommand(@TargetAggregateIdentifier MemberId memberId,
                                     SealedPersonalData personalData,
                                     SealedPersonalData directoryEntry,
                                     String passwordHash,
                                     boolean active,
                                     String provisionedBy) {
}
