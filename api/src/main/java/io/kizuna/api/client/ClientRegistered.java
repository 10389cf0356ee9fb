package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A client was registered (RFC 7591 §2 metadata subset). The secret appears only as a keyed hash. */
@LedgerEventType("client.registered")
@Revision("1")
public record ClientRegistered(ClientId clientId,
                               String name,
                               ClientType type,
                               String secretHash,
                               String tokenEndpointAuthMethod,
                               List<String> redirectUris,
                               List<String> grantTypes,
                               List<String> scopes,
                               String siteUri,
                               Instant registeredAt) implements ClientEvent {
}
