package io.kizuna.api.token;

import java.time.Instant;
import java.util.List;

/** What the token-lookup read model knows of one token. {@code tokenType}: access or refresh. */
public record TokenView(String tokenHash,
                        String tokenType,
                        String grantId,
                        String clientId,
                        String memberId,
                        String jti,
                        List<String> scopes,
                        String audience,
                        Instant issuedAt,
                        Instant expiresAt,
                        boolean revoked) {

    public boolean activeAt(Instant now) {
        return !revoked && expiresAt.isAfter(now);
    }
}
