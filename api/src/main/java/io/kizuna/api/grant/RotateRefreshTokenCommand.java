package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Exchanges the grant's current refresh token for a new pair (RFC 6749 §6, rotation per RFC 9700
 * §4.14.2). Presenting an already rotated refresh token revokes the whole grant.
 * {@code scopes} empty means "as originally granted"; {@code accessTokenFormat} is the client's.
 */
public record RotateRefreshTokenCommand(@TargetAggregateIdentifier GrantId grantId,
                                        ClientId clientId,
                                        String presentedTokenHash,
                                        List<String> scopes,
                                        String accessTokenFormat) {
}
