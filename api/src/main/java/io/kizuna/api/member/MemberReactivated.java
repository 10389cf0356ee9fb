package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The provisioning client set a deprovisioned member active again: sign-in works again. */
@LedgerEventType("member.reactivated")
@Revision("1")
public record MemberReactivated(MemberId memberId,
                                String reactivatedBy,
                                Instant reactivatedAt) implements MemberEvent {
}
