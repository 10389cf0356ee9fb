package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** RFC 6749 §4.1.2 / RFC 9700 §4.5: a redeemed code was presented again. */
@LedgerEventType("grant.authorization_code.replay_detected")
@Revision("1")
public record AuthorizationCodeReplayDetected(GrantId grantId,
                                              ClientId clientId,
                                              String codeHash,
                                              Instant detectedAt) implements GrantEvent {
}
