package io.kizuna.protocol.oidc.logout;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.client.ClientRegistry;
import io.kizuna.config.KizunaProperties;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.signingkey.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Logout Tokens (OIDC Back-Channel Logout 1.0 §2.4): {@code iss}, {@code aud} (the client), {@code iat},
 * {@code exp} (two minutes: the token is consumed at once), a fresh {@code jti}, {@code events} with the
 * back-channel logout member, {@code sub} and {@code sid}, never a {@code nonce} (§2.4); typed
 * {@code logout+jwt} (§2.4, RFC 8725 §3.11) and signed with the client's ID-token algorithm (§2.4: "signed
 * with the same algorithm as the ID Token").
 */
@Component
public class LogoutTokens {
    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    public static final JOSEObjectType TYPE = new JOSEObjectType("logout+jwt");
    static final Duration LIFETIME = Duration.ofMinutes(2);

    private final SigningKeys keys;
    private final ClientRegistry clients;
    private final KizunaProperties properties;
    private final Clock clock;

    public LogoutTokens(SigningKeys keys, ClientRegistry clients, KizunaProperties properties, Clock clock) {
        this.keys = keys;
        this.clients = clients;
        this.properties = properties;
        this.clock = clock;
    }

    /** A Logout Token for {@code clientId} about the member {@code subject} and the session {@code sid}. */
    public String issue(String clientId, String subject, String sid) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(TokenHashes.randomValue(16))
                .claim("events", Map.of(EVENT, Map.of()));
        if (subject != null) {
            claims.subject(subject);
        }
        if (sid != null) {
            claims.claim("sid", sid);
        }
        SigningKeys.ActiveKey key = keys.active(clients.tokenSettings(clientId).idTokenSignedResponseAlgOrDefault());
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(key.algorithm()).keyID(key.kid()).type(TYPE).build(),
                    claims.build());
            jwt.sign(key.signer());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the logout token failed", e);
        }
    }
}
