package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The member's TOTP authenticator and recovery codes were removed by an administrator ({@code by}, a
 * member id). A sign-in that the policy sends to the second factor is refused until the member enrols again.
 */
@LedgerEventType("member.totp.reset")
@Revision("1")
public record SecondFactorReset(MemberId memberId, String by, Instant at) implements MemberEvent {
}
