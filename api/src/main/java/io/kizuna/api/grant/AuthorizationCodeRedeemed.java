package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** RFC 6749 §4.1.3: the code was exchanged for tokens; it can never be used again. */
@LedgerEventType("grant.authorization_code.redeemed")
@Revision("1")
public record AuthorizationCodeRedeemed(GrantId grantId,
                                        ClientId clientId,
                                        String codeHash,
                                        Instant redeemedAt) implements GrantEvent {
}
