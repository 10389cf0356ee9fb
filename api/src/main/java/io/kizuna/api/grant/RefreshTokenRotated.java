package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** RFC 9700 §4.14.2: the presented refresh token was used and is now spent. */
@LedgerEventType("grant.refresh_token.rotated")
@Revision("1")
public record RefreshTokenRotated(GrantId grantId,
                                  ClientId clientId,
                                  String previousTokenHash,
                                  Instant rotatedAt) implements GrantEvent {
}
