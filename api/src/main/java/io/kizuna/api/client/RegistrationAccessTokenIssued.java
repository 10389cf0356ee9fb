package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A registration access token (RFC 7591 §3.2.1, RFC 7592 §1) was issued for managing the client; only
 * its SHA-256 is recorded. A later issue replaces the earlier token.
 */
@LedgerEventType("client.registration_access_token.issued")
@Revision("1")
public record RegistrationAccessTokenIssued(ClientId clientId, String tokenHash, Instant issuedAt)
        implements ClientEvent {
}
