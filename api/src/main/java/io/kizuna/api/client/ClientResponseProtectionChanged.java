package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * How the client wants its ID tokens and UserInfo responses protected beyond our signature (OIDC
 * Dynamic Client Registration 1.0 §2): {@code id_token_encrypted_response_alg}/{@code _enc} (the signed
 * ID token nested in a JWE to the client's key, OIDC Core §10.2), {@code userinfo_signed_response_alg}
 * and {@code userinfo_encrypted_response_alg}/{@code _enc} (OIDC Core §5.3.2), and the client's
 * {@code jwks_uri} (RFC 7591 §2) from which its encryption keys may be fetched instead of {@code jwks}.
 * Nulls mean: not encrypted, UserInfo as plain JSON, no jwks_uri. Holds algorithm names and a URL only,
 * no personal data.
 */
@LedgerEventType("client.response_protection.changed")
@Revision("1")
public record ClientResponseProtectionChanged(ClientId clientId,
                                              String idTokenEncryptedResponseAlg,
                                              String idTokenEncryptedResponseEnc,
                                              String userinfoSignedResponseAlg,
                                              String userinfoEncryptedResponseAlg,
                                              String userinfoEncryptedResponseEnc,
                                              String jwksUri,
                                              Instant changedAt) implements ClientEvent {
}
