package io.kizuna.api.grant;

import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The member's decision on their authentication device (CIBA Core 1.0 §1): only the member asked may decide.
 *
 * @param deviceChannel null for the member's own device (the account page); otherwise the name of the
 *                      device channel that decided (e.g. {@link #AUTOMATED_APPROVAL}), which the decision
 *                      event carries in its metadata under {@link #DEVICE_CHANNEL_METADATA}
 */
public record DecideBackchannelAuthenticationCommand(@TargetAggregateIdentifier GrantId grantId,
                                                     MemberId memberId,
                                                     boolean approved,
                                                     List<String> amr,
                                                     Instant authTime,
                                                     String deviceChannel) {
    /** Metadata key on the approved/denied event naming a device channel other than the member's device. */
    public static final String DEVICE_CHANNEL_METADATA = "kizuna.ciba.device-channel";
    /** The automated-approval channel for conformance testing (off by default). */
    public static final String AUTOMATED_APPROVAL = "automated-approval";

    /** A decision the member made on their own device. */
    public DecideBackchannelAuthenticationCommand(GrantId grantId, MemberId memberId, boolean approved,
                                                  List<String> amr, Instant authTime) {
        this(grantId, memberId, approved, amr, authTime, null);
    }
}
