package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * RFC 6749 §4.1.2: a code was issued; only its hash is kept. A null {@code codeChallenge} means the client
 * does not require PKCE (RFC 9700 §2.1.1). {@code idTokenClaims} (added later; older events carry none):
 * the names of the member claims the ID token of this grant carries (OIDC Core §5.5), never their values.
 * {@code dpopJkt}: the DPoP key thumbprint the code is bound to (RFC 9449 §10), null when the request had
 * none (additive, revision 1). {@code resources}: the RFC 8707 resource indicators of the authorization
 * request (§2.1), which the token requests of this grant may narrow but not widen (§2.2); null or empty
 * for none (additive, revision 1).
 */
@LedgerEventType("grant.authorization_code.issued")
@Revision("1")
public record AuthorizationCodeIssued(GrantId grantId,
                                      ClientId clientId,
                                      MemberId memberId,
                                      String sessionId,
                                      String codeHash,
                                      String redirectUri,
                                      List<String> scopes,
                                      String codeChallenge,
                                      String codeChallengeMethod,
                                      String nonce,
                                      List<String> amr,
                                      Instant authTime,
                                      Instant issuedAt,
                                      Instant expiresAt,
                                      List<String> idTokenClaims,
                                      String dpopJkt,
                                      List<String> resources) implements GrantEvent {
    public AuthorizationCodeIssued(GrantId grantId, ClientId clientId, MemberId memberId, String sessionId,
                                   String codeHash, String redirectUri, List<String> scopes, String codeChallenge,
                                   String codeChallengeMethod, String nonce, List<String> amr, Instant authTime,
                                   Instant issuedAt, Instant expiresAt, List<String> idTokenClaims, String dpopJkt) {
        this(grantId, clientId, memberId, sessionId, codeHash, redirectUri, scopes, codeChallenge,
                codeChallengeMethod, nonce, amr, authTime, issuedAt, expiresAt, idTokenClaims, dpopJkt, null);
    }

    public AuthorizationCodeIssued(GrantId grantId, ClientId clientId, MemberId memberId, String sessionId,
                                   String codeHash, String redirectUri, List<String> scopes, String codeChallenge,
                                   String codeChallengeMethod, String nonce, List<String> amr, Instant authTime,
                                   Instant issuedAt, Instant expiresAt) {
        this(grantId, clientId, memberId, sessionId, codeHash, redirectUri, scopes, codeChallenge,
                codeChallengeMethod, nonce, amr, authTime, issuedAt, expiresAt, null, null, null);
    }
}
