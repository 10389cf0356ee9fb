package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The member denied a device's request (RFC 8628 §3.3); the device's next poll gets {@code access_denied}. */
@LedgerEventType("grant.device_authorization.denied")
@Revision("1")
public record DeviceAuthorizationDenied(GrantId grantId, ClientId clientId, MemberId memberId, Instant deniedAt)
        implements GrantEvent {
}
