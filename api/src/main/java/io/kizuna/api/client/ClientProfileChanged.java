package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The client's security profile was set: {@code none}, {@code fapi1-advanced} (FAPI 1.0 Advanced),
 * {@code fapi2-security} (FAPI 2.0 Security Profile) or {@code fapi2-message-signing} (FAPI 2.0 Message
 * Signing). A profile switches on every constraint it requires for this client.
 */
@LedgerEventType("client.profile.changed")
@Revision("1")
public record ClientProfileChanged(ClientId clientId, String profile, Instant changedAt) implements ClientEvent {
}
