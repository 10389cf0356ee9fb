package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** RFC 8628 §3.1–3.2: start a device grant with hashed device and user codes. */
public record RequestDeviceAuthorizationCommand(@TargetAggregateIdentifier GrantId grantId,
                                                ClientId clientId,
                                                String deviceCodeHash,
                                                String userCodeHash,
                                                List<String> scopes,
                                                int intervalSeconds,
                                                Instant expiresAt) {
}
