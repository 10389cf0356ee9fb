package io.kizuna.grant;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.IssuedToken;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.List;

/**
 * Creates token values for the {@link Grant} aggregate, which decides whether to issue them and
 * records only their descriptions ({@link IssuedToken}: hash, jti, lifetime) in the ledger.
 */
public interface TokenMinter {

    /**
     * @param format {@code jwt} (RFC 9068) or {@code opaque} (a random value that means nothing outside
     *               the token lookup); null means {@code jwt}
     */
    Minted accessToken(GrantId grantId, ClientId clientId, MemberId memberId, List<String> scopes, Instant authTime,
                       String format);

    /** A refresh token of {@code clientId}, with that client's refresh-token lifetime. */
    Minted refreshToken(ClientId clientId);

    /**
     * An OpenID Connect ID token (OIDC Core §2) bound to {@code accessToken} by {@code at_hash}.
     *
     * @param sid the browser session it was issued in (OIDC Back-Channel Logout 1.0 §2.1, Front-Channel
     *            Logout 1.0 §3 {@code sid}), or null when no browser session took part (device grant)
     */
    String idToken(ClientId clientId, MemberId memberId, Instant authTime, String nonce, List<String> amr,
                   String accessToken, String sid);

    /**
     * An ID token with further claims, e.g. CIBA Core 1.0 §10.1.1's {@code urn:openid:params:jwt:claim:auth_req_id};
     * {@code extraClaims} must not name the standard claims this minter sets.
     */
    default String idToken(ClientId clientId, MemberId memberId, Instant authTime, String nonce, List<String> amr,
                           String accessToken, String sid, java.util.Map<String, Object> extraClaims) {
        return idToken(clientId, memberId, authTime, nonce, amr, accessToken, sid);
    }

    /** A token value with what the ledger may know of it. */
    record Minted(String value, IssuedToken description) {
    }
}
