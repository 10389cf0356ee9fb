package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends the whole grant: every access and refresh token of it stops working (RFC 7009 §2.1, when the
 * client revokes a refresh token). Idempotent: an already revoked grant records nothing.
 */
public record RevokeGrantCommand(@TargetAggregateIdentifier GrantId grantId,
                                 ClientId clientId,
                                 String reason) {
}
