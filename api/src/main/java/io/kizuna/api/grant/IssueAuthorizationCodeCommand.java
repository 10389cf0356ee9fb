package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts a grant with an authorization code (RFC 6749 §4.1.2) bound to a PKCE challenge (RFC 7636 §4.4) and,
 * when the request carried {@code dpop_jkt}, to that DPoP key (RFC 9449 §10).
 */
public record IssueAuthorizationCodeCommand(@TargetAggregateIdentifier GrantId grantId,
                                            ClientId clientId,
                                            MemberId memberId,
                                            String sessionId,
                                            String codeHash,
                                            String redirectUri,
                                            List<String> scopes,
                                            String codeChallenge,
                                            String codeChallengeMethod,
                                            String nonce,
                                            java.util.List<String> amr,
                                            Instant authTime,
                                            Instant expiresAt,
                                            String dpopJkt) {

    public IssueAuthorizationCodeCommand(GrantId grantId, ClientId clientId, MemberId memberId, String sessionId,
                                         String codeHash, String redirectUri, List<String> scopes, String codeChallenge,
                                         String codeChallengeMethod, String nonce, java.util.List<String> amr,
                                         Instant authTime, Instant expiresAt) {
        this(grantId, clientId, memberId, sessionId, codeHash, redirectUri, scopes, codeChallenge, codeChallengeMethod,
                nonce, amr, authTime, expiresAt, null);
    }
}
