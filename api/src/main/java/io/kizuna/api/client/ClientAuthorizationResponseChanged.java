package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * How the client wants JWT-secured authorization responses (JARM, JWT Secured Authorization Response
 * Mode for OAuth 2.0 §3): {@code authorization_signed_response_alg} (the JWS algorithm of the response
 * JWT; null = the server's default, RS256 per JARM §3) and {@code authorization_encrypted_response_alg} /
 * {@code _enc} (the signed response nested in a JWE to the client's key; null = not encrypted). Holds
 * algorithm names only, no personal data. The client's keys are those of its {@code jwks} or its
 * {@code jwks_uri} ({@link ClientResponseProtectionChanged}).
 */
@LedgerEventType("client.authorization_response.changed")
@Revision("1")
public record ClientAuthorizationResponseChanged(ClientId clientId,
                                                 String authorizationSignedResponseAlg,
                                                 String authorizationEncryptedResponseAlg,
                                                 String authorizationEncryptedResponseEnc,
                                                 Instant changedAt) implements ClientEvent {
}
