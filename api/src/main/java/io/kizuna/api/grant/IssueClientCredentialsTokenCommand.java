package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A client obtains a token for itself (RFC 6749 §4.4): a grant of one access token, in the client's
 * registered {@code accessTokenFormat} ({@code jwt} or {@code opaque}).
 */
public record IssueClientCredentialsTokenCommand(@TargetAggregateIdentifier GrantId grantId,
                                                 ClientId clientId,
                                                 List<String> scopes,
                                                 String accessTokenFormat) {
}
