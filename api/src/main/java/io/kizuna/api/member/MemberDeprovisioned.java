package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The provisioning client set the member inactive (SCIM {@code active: false}): the member can no longer
 * sign in, their sessions end and their grants are revoked; the account and its data remain, so
 * {@link MemberReactivated} can undo it. Deleting the account is {@link MemberForgotten}.
 */
@LedgerEventType("member.deprovisioned")
@Revision("1")
public record MemberDeprovisioned(MemberId memberId,
                                  String deprovisionedBy,
                                  Instant deprovisionedAt) implements MemberEvent {
}
