package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * RFC 8693 §2.1: {@code actingClientId} exchanges an access token of this grant (its SHA-256) for a new
 * access token with at most the same scopes. The new token belongs to the same grant, so revoking the
 * grant revokes what was derived from it.
 */
public record ExchangeTokenCommand(@TargetAggregateIdentifier GrantId grantId,
                                   ClientId actingClientId,
                                   String subjectTokenHash,
                                   List<String> scopes,
                                   String accessTokenFormat) {
}
