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

    /** An OpenID Connect ID token (OIDC Core §2) bound to {@code accessToken} by {@code at_hash}. */
    String idToken(ClientId clientId, MemberId memberId, Instant authTime, String nonce, List<String> amr,
                   String accessToken);

    /**
     * An ID token with what the authorization endpoint binds to it: {@code c_hash} of the code (OIDC Core
     * §3.3.2.11), {@code s_hash} of the state (FAPI 1 §5.2.2.1), and the member claims named in
     * {@code extras.claims()} (§5.4, §5.5).
     */
    default String idToken(ClientId clientId, MemberId memberId, Instant authTime, String nonce, List<String> amr,
                           String accessToken, IdTokenExtras extras) {
        return idToken(clientId, memberId, authTime, nonce, amr, accessToken);
    }

    /** Extras of an ID token; any may be null. */
    record IdTokenExtras(String code, String state, List<String> claims) {
        public static final IdTokenExtras NONE = new IdTokenExtras(null, null, null);
    }

    /** A token value with what the ledger may know of it. */
    record Minted(String value, IssuedToken description) {
    }
}
