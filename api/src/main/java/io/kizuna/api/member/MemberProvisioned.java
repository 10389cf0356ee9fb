package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A member was created by a provisioning client (SCIM 2.0). Everything personal is sealed under the
 * member's own key: {@code personalData} (as in {@link MemberRegistered}) and {@code directoryEntry}
 * (the SCIM User attributes: userName, name, emails, externalId …). {@code passwordHash} may be null.
 */
@LedgerEventType("member.provisioned")
@Revision("1")
public record MemberProvisioned(MemberId memberId,
                                SealedPersonalData personalData,
                                SealedPersonalData directoryEntry,
                                String passwordHash,
                                boolean active,
                                String provisionedBy,
                                Instant provisionedAt) implements MemberEvent {
}
