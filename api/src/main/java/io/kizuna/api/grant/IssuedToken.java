package io.kizuna.api.grant;

import java.time.Instant;

/**
 * A token about to be handed out, described without its value: only the SHA-256 of the value
 * ({@code tokenHash}, base64url) ever reaches the ledger. {@code format} ({@code jwt} or
 * {@code opaque}) and {@code audience} apply to access tokens and are null for refresh tokens.
 */
public record IssuedToken(String tokenHash, String jti, String format, String audience,
                          Instant issuedAt, Instant expiresAt) {
}
