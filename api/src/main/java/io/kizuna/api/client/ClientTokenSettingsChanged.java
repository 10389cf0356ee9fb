package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The client's token settings were replaced: the JWS algorithm of its JWT access tokens
 * ({@code accessTokenSigningAlg}, RFC 9068 §2.1) and of its ID tokens ({@code idTokenSignedResponseAlg},
 * OIDC DCR §2 {@code id_token_signed_response_alg}), and the lifetimes of its access, refresh and ID
 * tokens in seconds. A null value means the server's default (ES256; the configured lifetimes).
 * {@code requirePkce} (added later, so older events carry none): {@code false} when a confidential client
 * may send an authorization request without an S256 {@code code_challenge}; null or {@code true} means
 * PKCE is required (RFC 9700 §2.1.1).
 */
@LedgerEventType("client.token_settings.changed")
@Revision("1")
public record ClientTokenSettingsChanged(ClientId clientId,
                                        String accessTokenSigningAlg,
                                        String idTokenSignedResponseAlg,
                                        Long accessTokenLifetime,
                                        Long refreshTokenLifetime,
                                        Long idTokenLifetime,
                                        Instant changedAt,
                                        Boolean requirePkce) implements ClientEvent {
    public ClientTokenSettingsChanged(ClientId clientId, String accessTokenSigningAlg, String idTokenSignedResponseAlg,
                                      Long accessTokenLifetime, Long refreshTokenLifetime, Long idTokenLifetime,
                                      Instant changedAt) {
        this(clientId, accessTokenSigningAlg, idTokenSignedResponseAlg, accessTokenLifetime, refreshTokenLifetime,
                idTokenLifetime, changedAt, null);
    }
}
