package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * OIDC Core §5.5: the member approved, on the consent screen, member claims the {@code claims} parameter asked
 * for beyond the granted scopes ({@code claims}, names only); {@code userinfoClaims} are those of them UserInfo
 * releases for this grant. Sent right after the grant was started by its code or implicit tokens.
 */
public record ApproveClaimsCommand(@TargetAggregateIdentifier GrantId grantId,
                                   ClientId clientId,
                                   MemberId memberId,
                                   List<String> claims,
                                   List<String> userinfoClaims) {
}
