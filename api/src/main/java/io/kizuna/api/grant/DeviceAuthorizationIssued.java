package io.kizuna.api.grant;

import io.kizuna.api.LedgerEventType;
import io.kizuna.api.client.ClientId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A device authorization request was answered (RFC 8628 §3.2): a device code and a user code, both
 * recorded as SHA-256 only, valid until {@code expiresAt}; the device polls every {@code intervalSeconds}.
 */
@LedgerEventType("grant.device_authorization.issued")
@Revision("1")
public record DeviceAuthorizationIssued(GrantId grantId,
                                        ClientId clientId,
                                        String deviceCodeHash,
                                        String userCodeHash,
                                        List<String> scopes,
                                        int intervalSeconds,
                                        Instant issuedAt,
                                        Instant expiresAt) implements GrantEvent {
}
