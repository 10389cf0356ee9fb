package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * RFC 6749 §4.2, OIDC Core §3.2 and §3.3: the member approved a request whose response type returns
 * tokens from the authorization endpoint. {@code withAccessToken} for {@code token} (never a refresh token,
 * §4.2.2), {@code withIdToken} for {@code id_token}; in a hybrid flow the grant already holds the code
 * issued just before ({@code code}, for {@code c_hash}). {@code state} is for {@code s_hash} (FAPI 1
 * §5.2.2.1); {@code idTokenClaims} names the member claims the ID token must carry (OIDC Core §5.4, §5.5).
 * The code and state live only in this command, never in an event. {@code sessionId} is the member's browser
 * session: an implicit grant starts here, so the ID token's {@code sid} comes from it (Back-Channel Logout
 * 1.0 §2.1); a hybrid grant keeps the session its code was issued in.
 */
public record IssueImplicitTokenCommand(@TargetAggregateIdentifier GrantId grantId,
                                        ClientId clientId,
                                        MemberId memberId,
                                        List<String> scopes,
                                        Instant authTime,
                                        String accessTokenFormat,
                                        String responseType,
                                        boolean withAccessToken,
                                        boolean withIdToken,
                                        String nonce,
                                        List<String> amr,
                                        String code,
                                        String state,
                                        List<String> idTokenClaims,
                                        String sessionId) {
    public IssueImplicitTokenCommand(GrantId grantId, ClientId clientId, MemberId memberId, List<String> scopes,
                                     Instant authTime, String accessTokenFormat, String responseType,
                                     boolean withAccessToken, boolean withIdToken, String nonce, List<String> amr,
                                     String code, String state, List<String> idTokenClaims) {
        this(grantId, clientId, memberId, scopes, authTime, accessTokenFormat, responseType, withAccessToken,
                withIdToken, nonce, amr, code, state, idTokenClaims, null);
    }

    /** RFC 6749 §4.2: the access token alone ({@code response_type=token}). */
    public IssueImplicitTokenCommand(GrantId grantId, ClientId clientId, MemberId memberId, List<String> scopes,
                                     Instant authTime, String accessTokenFormat) {
        this(grantId, clientId, memberId, scopes, authTime, accessTokenFormat, "token", true, false, null, null,
                null, null, null, null);
    }
}
