package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A provisioned member's attributes were replaced by the provisioning client (sealed, as at provisioning). */
@LedgerEventType("member.directory.updated")
@Revision("1")
public record MemberDirectoryEntryUpdated(MemberId memberId,
                                          SealedPersonalData personalData,
                                          SealedPersonalData directoryEntry,
                                          String updatedBy,
                                          Instant updatedAt) implements MemberEvent {
}
