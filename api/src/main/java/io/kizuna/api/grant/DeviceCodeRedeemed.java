package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An approved device code was exchanged for tokens (RFC 8628 §3.5); it cannot be used again. */
@LedgerEventType("grant.device_code.redeemed")
@Revision("1")
public record DeviceCodeRedeemed(GrantId grantId, ClientId clientId, String deviceCodeHash, Instant redeemedAt)
        implements GrantEvent {
}
