package io.kizuna.api.grant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Revokes a whole grant (every token it issued stops working). {@code reason} is a stable code such as
 * {@code member_forgotten}; revoking a revoked grant appends nothing.
 */
public record RevokeGrantCommand(@TargetAggregateIdentifier GrantId grantId, String reason) {
}
