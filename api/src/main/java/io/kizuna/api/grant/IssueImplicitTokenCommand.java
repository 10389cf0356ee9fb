package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * RFC 6749 §4.2: the member approved an implicit-grant request of a client registered for it; one access
 * token goes straight back in the redirect URI's fragment, never a refresh token (§4.2.2).
 */
public record IssueImplicitTokenCommand(@TargetAggregateIdentifier GrantId grantId,
                                        ClientId clientId,
                                        MemberId memberId,
                                        List<String> scopes,
                                        Instant authTime,
                                        String accessTokenFormat) {
}
