package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The client's OpenID Connect CIBA metadata (CIBA Core 1.0 §4) was replaced: {@code deliveryMode}
 * ({@code poll} or {@code ping}), the https {@code notificationEndpoint} that ping notifications go to,
 * the {@code requestSigningAlg} its signed authentication requests must use (null: unsigned requests
 * are accepted), and whether it sends {@code user_code}. All null: the client has no CIBA metadata.
 */
@LedgerEventType("client.backchannel_settings.changed")
@Revision("1")
public record ClientBackchannelSettingsChanged(ClientId clientId,
                                               String deliveryMode,
                                               String notificationEndpoint,
                                               String requestSigningAlg,
                                               boolean userCodeParameter,
                                               Instant changedAt) implements ClientEvent {
}
