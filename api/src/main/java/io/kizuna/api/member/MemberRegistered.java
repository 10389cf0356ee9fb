package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A member joined. Personal data is sealed; the password only as an Argon2id hash. */
@LedgerEventType("member.registered")
@Revision("1")
public record MemberRegistered(MemberId memberId,
                               SealedPersonalData personalData,
                               String passwordHash,
                               String registeredVia,
                               Instant registeredAt) implements MemberEvent {
}
