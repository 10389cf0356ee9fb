package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An ID token was returned from the authorization endpoint (OIDC Core §3.2.2.5 implicit, §3.3.2.5
 * hybrid), through the browser rather than the token endpoint; {@code responseType} is the request's
 * (e.g. {@code code id_token}). Only its SHA-256 is kept.
 */
@LedgerEventType("grant.id_token.issued")
@Revision("1")
public record IdTokenIssued(GrantId grantId,
                            ClientId clientId,
                            MemberId memberId,
                            String responseType,
                            String tokenHash,
                            Instant issuedAt) implements GrantEvent {
}
