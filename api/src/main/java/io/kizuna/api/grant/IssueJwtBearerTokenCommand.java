package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * RFC 7523 §2.1: a client exchanges a JWT it signed for an access token, for itself ({@code memberId}
 * null) or for a member who consented to it.
 */
public record IssueJwtBearerTokenCommand(@TargetAggregateIdentifier GrantId grantId,
                                         ClientId clientId,
                                         MemberId memberId,
                                         List<String> scopes,
                                         String accessTokenFormat) {
}
