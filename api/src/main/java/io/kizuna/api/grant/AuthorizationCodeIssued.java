package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * RFC 6749 §4.1.2: a code was issued; only its hash is kept. {@code dpopJkt}: the DPoP key thumbprint the
 * code is bound to (RFC 9449 §10), null when the request had none (additive, revision 1).
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
                                      String dpopJkt) implements GrantEvent {

    public AuthorizationCodeIssued(GrantId grantId, ClientId clientId, MemberId memberId, String sessionId,
                                   String codeHash, String redirectUri, List<String> scopes, String codeChallenge,
                                   String codeChallengeMethod, String nonce, List<String> amr, Instant authTime,
                                   Instant issuedAt, Instant expiresAt) {
        this(grantId, clientId, memberId, sessionId, codeHash, redirectUri, scopes, codeChallenge, codeChallengeMethod,
                nonce, amr, authTime, issuedAt, expiresAt, null);
    }
}
