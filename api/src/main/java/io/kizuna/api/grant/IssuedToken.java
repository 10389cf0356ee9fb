package io.kizuna.api.grant;

import java.time.Instant;

/**
 * A token about to be handed out, described without its value: only the SHA-256 of the value
 * ({@code tokenHash}, base64url) ever reaches the ledger.
 */
public record IssuedToken(String tokenHash, String jti, Instant issuedAt, Instant expiresAt) {
}
