package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The member replaced their recovery codes; every earlier code stops working. Only keyed hashes are recorded. */
@LedgerEventType("member.recovery_codes.regenerated")
@Revision("1")
public record RecoveryCodesRegenerated(MemberId memberId, List<String> recoveryCodeHashes, Instant regeneratedAt) implements MemberEvent {
}
