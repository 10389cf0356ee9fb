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
     * An OpenID Connect ID token (OIDC Core §2) bound to {@code accessToken} by {@code at_hash}, with what
     * the extras bind to it: {@code c_hash} of the code (OIDC Core §3.3.2.11), {@code s_hash} of the state
     * (FAPI 1 §5.2.2.1), the member claims named in {@code extras.claims()} (§5.4, §5.5), and {@code sid},
     * the browser session it was issued in (Back-Channel Logout 1.0 §2.1), null when no browser session
     * took part (device grant).
     */
    String idToken(ClientId clientId, MemberId memberId, Instant authTime, String nonce, List<String> amr,
                   String accessToken, IdTokenExtras extras);

    /** An ID token without extras. */
    default String idToken(ClientId clientId, MemberId memberId, Instant authTime, String nonce, List<String> amr,
                           String accessToken) {
        return idToken(clientId, memberId, authTime, nonce, amr, accessToken, IdTokenExtras.NONE);
    }

    /** An ID token whose only extra is the session's {@code sid}. */
    default String idTokenInSession(ClientId clientId, MemberId memberId, Instant authTime, String nonce,
                                    List<String> amr, String accessToken, String sid) {
        return idToken(clientId, memberId, authTime, nonce, amr, accessToken, IdTokenExtras.NONE.withSid(sid));
    }

    /**
     * Extras of an ID token; any may be null. {@code extraClaims}: further claims, e.g. CIBA Core 1.0
     * §10.1.1's {@code urn:openid:params:jwt:claim:auth_req_id}; never one of the standard claims set here.
     */
    record IdTokenExtras(String code, String state, List<String> claims, String sid,
                         java.util.Map<String, Object> extraClaims) {
        public static final IdTokenExtras NONE = new IdTokenExtras(null, null, null, null, null);

        public IdTokenExtras(String code, String state, List<String> claims) {
            this(code, state, claims, null, null);
        }

        public IdTokenExtras(String code, String state, List<String> claims, String sid) {
            this(code, state, claims, sid, null);
        }

        public IdTokenExtras withSid(String sid) {
            return new IdTokenExtras(code, state, claims, sid, extraClaims);
        }
    }

    /** A token value with what the ledger may know of it. */
    record Minted(String value, IssuedToken description) {
    }
}
