package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The client asks to revoke one of its access tokens (RFC 7009 §2.1). Revoking a token that is already
 * revoked, or of a revoked grant, records nothing: the request is satisfied either way (§2.2).
 */
public record RevokeAccessTokenCommand(@TargetAggregateIdentifier GrantId grantId,
                                       ClientId clientId,
                                       String tokenHash,
                                       String reason) {
}
