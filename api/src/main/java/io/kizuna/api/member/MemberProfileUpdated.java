package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The member changed their profile in the account console. The whole new profile is sealed under the
 * member's data key; {@code emailChanged} (no address, just the fact) makes the address unverified
 * again until the member follows the new verification link.
 */
@LedgerEventType("member.profile.updated")
@Revision("1")
public record MemberProfileUpdated(MemberId memberId, SealedPersonalData personalData, boolean emailChanged,
                                   Instant updatedAt) implements MemberEvent {
}
