package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A client's metadata was replaced (RFC 7592 §2.2: the update carries all metadata, omitted fields are
 * removed). The client's type, authentication method and credential do not change with an update.
 */
@LedgerEventType("client.updated")
@Revision("1")
public record ClientUpdated(ClientId clientId,
                            String name,
                            List<String> redirectUris,
                            List<String> grantTypes,
                            List<String> scopes,
                            String siteUri,
                            String accessTokenFormat,
                            String jwks,
                            Instant updatedAt) implements ClientEvent {
}
