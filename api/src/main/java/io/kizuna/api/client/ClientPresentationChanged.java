package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * What the member is shown about the client where they decide (the sign-in and consent pages) was
 * replaced: its logo ({@code logoUri}), its privacy policy ({@code policyUri}) and its terms of service
 * ({@code tosUri}) — OpenID Connect Dynamic Client Registration 1.0 §2 and RFC 7591 §2 {@code logo_uri},
 * {@code policy_uri}, {@code tos_uri}. Null: not registered. Holds public URLs only, no personal data.
 */
@LedgerEventType("client.presentation.changed")
@Revision("1")
public record ClientPresentationChanged(ClientId clientId,
                                        String logoUri,
                                        String policyUri,
                                        String tosUri,
                                        Instant changedAt) implements ClientEvent {
}
