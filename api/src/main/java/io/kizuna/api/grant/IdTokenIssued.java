package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An ID token was returned from the authorization endpoint (OIDC Core §3.2.2.5 implicit, §3.3.2.5
 * hybrid), through the browser rather than the token endpoint; {@code responseType} is the request's
 * (e.g. {@code code id_token}). Only its SHA-256 is kept. {@code sessionId}: the browser session the ID token
 * names as {@code sid} (Back-Channel Logout 1.0 §2.1), so the client is told when that session ends; null in
 * events written before it was recorded (additive, revision 1).
 */
@LedgerEventType("grant.id_token.issued")
@Revision("1")
public record IdTokenIssued(GrantId grantId,
                            ClientId clientId,
                            MemberId memberId,
                            String responseType,
                            String tokenHash,
                            Instant issuedAt,
                            String sessionId) implements GrantEvent {
    public IdTokenIssued(GrantId grantId, ClientId clientId, MemberId memberId, String responseType,
                         String tokenHash, Instant issuedAt) {
        this(grantId, clientId, memberId, responseType, tokenHash, issuedAt, null);
    }
}
