package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A client was deregistered (RFC 7592 §2.3): it can no longer authenticate or be authorized, and every
 * token issued to it stops working.
 */
@LedgerEventType("client.deleted")
@Revision("1")
public record ClientDeleted(ClientId clientId, Instant deletedAt) implements ClientEvent {
}
