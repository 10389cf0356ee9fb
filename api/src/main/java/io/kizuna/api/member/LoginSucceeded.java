package io.kizuna.api.member;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A member signed in for {@code clientId} with the factors in {@code amr} (RFC 8176 values),
 * opening session {@code sessionId}. {@code context} (source address, user agent) is sealed.
 * {@code policy} is the authentication policy's stable reason for the factors asked (e.g.
 * {@code trusted_network}, {@code outside_trusted_networks}, {@code risk_new_device}); null on events stored
 * before it was recorded (a field added at the end, so revision 1 still reads them).
 * {@code region}: the coarse region of the source address from the operator's network table
 * ({@code kizuna.regions}, e.g. {@code JP-13}), or null when unknown; never the address itself.
 */
@LedgerEventType("member.login.succeeded")
@Revision("1")
public record LoginSucceeded(MemberId memberId,
                             String sessionId,
                             String clientId,
                             List<String> amr,
                             String acr,
                             SealedPersonalData context,
                             Instant at,
                             String policy,
                             String region) implements MemberEvent {
    /** Additive fields (revision 1 grows): {@code policy} and {@code region} are absent from earlier events and read as null. */
    public LoginSucceeded(MemberId memberId, String sessionId, String clientId, List<String> amr, String acr,
                          SealedPersonalData context, Instant at) {
        this(memberId, sessionId, clientId, amr, acr, context, at, null, null);
    }
}
