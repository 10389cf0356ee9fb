package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Forgets a member (crypto-shredding, GDPR Art. 17): their data key is destroyed, so every sealed copy of
 * their personal data becomes unreadable while the ledger stays intact and verifiable. {@code requestedVia}
 * says which channel asked ({@code admin_api}); it carries no personal data.
 */
public record ForgetMemberCommand(@TargetAggregateIdentifier MemberId memberId, String requestedVia) {
}
