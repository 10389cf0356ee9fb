package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** RFC 9700 §4.14.2: a spent refresh token was presented again; the grant is revoked. */
@LedgerEventType("grant.refresh_token.reuse_detected")
@Revision("1")
public record RefreshTokenReuseDetected(GrantId grantId,
                                        ClientId clientId,
                                        String tokenHash,
                                        Instant detectedAt) implements GrantEvent {
}
