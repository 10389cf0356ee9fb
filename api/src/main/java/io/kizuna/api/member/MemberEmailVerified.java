package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The member proved they receive mail at their registered address by following a one-time link.
 * Carries neither the address nor the link's token: the address is in the sealed registration data.
 */
@LedgerEventType("member.email.verified")
@Revision("1")
public record MemberEmailVerified(MemberId memberId, Instant verifiedAt) implements MemberEvent {
}
