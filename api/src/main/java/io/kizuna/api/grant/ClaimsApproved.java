package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The member approved member claims beyond the granted scopes that the client asked for with the {@code claims}
 * parameter (OIDC Core §5.5), on the consent screen of this grant: {@code claims} names them (never their values),
 * {@code userinfoClaims} are those UserInfo releases for the grant's access tokens.
 */
@LedgerEventType("grant.claims.approved")
@Revision("1")
public record ClaimsApproved(GrantId grantId,
                             ClientId clientId,
                             MemberId memberId,
                             List<String> claims,
                             List<String> userinfoClaims,
                             Instant approvedAt) implements GrantEvent {
}
