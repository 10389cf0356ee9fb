package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts a grant with an authorization code (RFC 6749 §4.1.2) bound to a PKCE challenge (RFC 7636 §4.4).
 * {@code pkceRequired} is the client's setting (true unless a confidential client opted out): then the
 * S256 challenge is mandatory; without it the code carries no challenge and no verifier may be sent
 * for it (RFC 9700 §2.1.1). {@code idTokenClaims}: the member claims the claims parameter asked for in
 * the ID token (OIDC Core §5.5) that the granted scope covers; null or empty for none. {@code dpopJkt}:
 * when the request carried {@code dpop_jkt}, the DPoP key the code is bound to (RFC 9449 §10).
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
                                            boolean pkceRequired,
                                            List<String> idTokenClaims,
                                            String dpopJkt,
                                            List<String> resources) {
    /** Without resource indicators (RFC 8707 §2.1). */
    public IssueAuthorizationCodeCommand(GrantId grantId, ClientId clientId, MemberId memberId, String sessionId,
                                         String codeHash, String redirectUri, List<String> scopes,
                                         String codeChallenge, String codeChallengeMethod, String nonce,
                                         List<String> amr, Instant authTime, Instant expiresAt, boolean pkceRequired,
                                         List<String> idTokenClaims, String dpopJkt) {
        this(grantId, clientId, memberId, sessionId, codeHash, redirectUri, scopes, codeChallenge,
                codeChallengeMethod, nonce, amr, authTime, expiresAt, pkceRequired, idTokenClaims, dpopJkt, null);
    }

    public IssueAuthorizationCodeCommand(GrantId grantId, ClientId clientId, MemberId memberId, String sessionId,
                                         String codeHash, String redirectUri, List<String> scopes,
                                         String codeChallenge, String codeChallengeMethod, String nonce,
                                         List<String> amr, Instant authTime, Instant expiresAt) {
        this(grantId, clientId, memberId, sessionId, codeHash, redirectUri, scopes, codeChallenge,
                codeChallengeMethod, nonce, amr, authTime, expiresAt, true, null, null);
    }

    public IssueAuthorizationCodeCommand(GrantId grantId, ClientId clientId, MemberId memberId, String sessionId,
                                         String codeHash, String redirectUri, List<String> scopes,
                                         String codeChallenge, String codeChallengeMethod, String nonce,
                                         List<String> amr, Instant authTime, Instant expiresAt, boolean pkceRequired) {
        this(grantId, clientId, memberId, sessionId, codeHash, redirectUri, scopes, codeChallenge,
                codeChallengeMethod, nonce, amr, authTime, expiresAt, pkceRequired, null, null);
    }
}
