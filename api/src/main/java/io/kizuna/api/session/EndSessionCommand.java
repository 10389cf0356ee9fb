package io.kizuna.api.session;

import io.kizuna.api.member.MemberId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends a session. {@code memberId} is who asks: a member may only end their own sessions.
 * {@code reason}: {@code signed_out}, {@code ended_from_account}, {@code signed_out_everywhere},
 * {@code password_changed}, {@code rp_initiated_logout} (OIDC RP-Initiated Logout 1.0).
 */
public record EndSessionCommand(@TargetAggregateIdentifier String sessionId, MemberId memberId, String reason) {
}
