package io.kizuna.api.session;

import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a single sign-on session after a successful sign-in. {@code secretHash} is the SHA-256 of the
 * cookie secret: the cookie value itself never reaches the ledger.
 */
public record StartSessionCommand(@TargetAggregateIdentifier String sessionId,
                                  MemberId memberId,
                                  String secretHash,
                                  List<String> amr,
                                  String acr,
                                  String clientId,
                                  Instant expiresAt) {
}
