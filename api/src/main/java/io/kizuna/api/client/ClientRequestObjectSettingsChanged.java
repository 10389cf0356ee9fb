package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The client's request-object metadata was replaced (OIDC Dynamic Client Registration 1.0 §2): the
 * {@code requestUris} it may pass by reference (OIDC Core §6.2, RFC 9101 §5.2; compared without their
 * fragment), and the JWE {@code alg}/{@code enc} it declared for request objects encrypted to this server
 * ({@code request_object_encryption_alg}/{@code _enc}, OIDC Core §6.1; once declared, plain signed request
 * objects are refused). Empty / null: none. Holds URLs and algorithm names only, no personal data.
 */
@LedgerEventType("client.request_object_settings.changed")
@Revision("1")
public record ClientRequestObjectSettingsChanged(ClientId clientId,
                                                 List<String> requestUris,
                                                 String requestObjectEncryptionAlg,
                                                 String requestObjectEncryptionEnc,
                                                 Instant changedAt) implements ClientEvent {
}
