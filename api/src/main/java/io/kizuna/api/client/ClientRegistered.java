package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A client was registered (RFC 7591 §2 metadata subset). The secret appears only as a keyed hash.
 * {@code accessTokenFormat} ({@code jwt}: RFC 9068, or {@code opaque}) was added later: events stored
 * before it carry none, which means {@code jwt}. {@code jwks} (added with RFC 7523 client
 * authentication): the public JWK set of a {@code private_key_jwt} client, as JSON; null otherwise.
 */
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
                               Instant registeredAt,
                               String accessTokenFormat,
                               String jwks) implements ClientEvent {
    public static final String JWT = "jwt";
    public static final String OPAQUE = "opaque";

    /** The format this client's access tokens are minted in; {@code jwt} for registrations before the choice existed. */
    public String accessTokenFormatOrDefault() {
        return accessTokenFormat == null ? JWT : accessTokenFormat;
    }
}
