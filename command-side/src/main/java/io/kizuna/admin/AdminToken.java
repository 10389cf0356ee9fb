package io.kizuna.admin;

import io.kizuna.crypto.TokenHashes;
import io.kizuna.protocol.oauth2.error.OAuthException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The operator's bearer token for {@code /admin/api/*} ({@code kizuna.admin-token}). Only its SHA-256 is
 * kept and compared in constant time; an unset token disables every admin endpoint rather than leaving
 * them open. One check shared by all admin controllers so that none can drift from it.
 */
@Component
public class AdminToken {
    private final String tokenHash;

    public AdminToken(@Value("${kizuna.admin-token:}") String adminToken) {
        this.tokenHash = adminToken.isBlank() ? null : TokenHashes.sha256(adminToken);
    }

    /** Throws a 401 {@code invalid_token} (RFC 6750 §3.1) unless {@code authorization} carries the admin token. */
    public void require(String authorization) {
        if (tokenHash == null || authorization == null || !authorization.startsWith("Bearer ")
                || !TokenHashes.sameHash(TokenHashes.sha256(authorization.substring(7).strip()), tokenHash)) {
            throw new OAuthException(401, "invalid_token", "the admin token is missing or wrong",
                    "Bearer realm=\"kizuna-admin\"");
        }
    }
}
