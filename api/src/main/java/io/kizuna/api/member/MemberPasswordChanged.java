package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The member's password was replaced, as an Argon2id hash only; {@code changedVia} is {@code reset}
 * (a mailed one-time link), {@code account} (the console, with the current password) or {@code scim}
 * (set by the provisioning client, RFC 7643 §4.1.1 {@code password}).
 */
@LedgerEventType("member.password.changed")
@Revision("1")
public record MemberPasswordChanged(MemberId memberId,
                                    String passwordHash,
                                    String changedVia,
                                    Instant changedAt) implements MemberEvent {
}
