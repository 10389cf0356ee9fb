package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts a grant with an authorization code (RFC 6749 §4.1.2) bound to a PKCE challenge (RFC 7636 §4.4). */
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
                                            Instant expiresAt) {
}
