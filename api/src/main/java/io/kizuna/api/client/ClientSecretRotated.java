package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A confidential client's secret was replaced (RFC 6749 §2.3.1): from this event on only the new secret
 * authenticates the client. The secret appears only as a keyed hash; {@code rotatedBy} is the member id of
 * the administrator who asked.
 */
@LedgerEventType("client.secret.rotated")
@Revision("1")
public record ClientSecretRotated(ClientId clientId, String secretHash, String rotatedBy, Instant rotatedAt)
        implements ClientEvent {
}
