package io.kizuna.protocol.oauth2.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.IssuedToken;
import io.kizuna.api.member.MemberId;
import io.kizuna.config.KizunaProperties;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.grant.TokenMinter;
import io.kizuna.signingkey.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Access tokens per client: ES256-signed JWTs (RFC 9068 §2) or opaque 256-bit random values that only
 * the token lookup can resolve (for clients whose resource servers introspect, and so that nothing
 * readable leaves with the token); opaque 256-bit refresh tokens; ID tokens (OIDC Core §2,
 * {@code at_hash} per §3.1.3.6).
 */
@Component
public class JwtTokenMinter implements TokenMinter {
    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final KizunaProperties properties;
    private final Clock clock;
    private final JWSSigner signer;
    private final ECKey key;

    public JwtTokenMinter(SigningKeys keys, KizunaProperties properties, Clock clock) throws JOSEException {
        this.properties = properties;
        this.clock = clock;
        this.key = keys.active();
        this.signer = new ECDSASigner(key);
    }

    @Override
    public Minted accessToken(GrantId grantId, ClientId clientId, MemberId memberId, List<String> scopes,
                              Instant authTime, String format) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokens().accessToken());
        String jti = TokenHashes.randomValue(16);
        String audience = properties.issuer();
        if ("opaque".equals(format)) {
            // 256 bits, well above RFC 6749 §10.10's and RFC 9700's floor of 128: unguessable, and its
            // SHA-256 in the ledger reveals nothing
            String value = TokenHashes.randomValue(32);
            return new Minted(value, new IssuedToken(TokenHashes.sha256(value), jti, "opaque", audience, now,
                    expiresAt));
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(memberId != null ? memberId.value() : clientId.value())
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(jti)
                .claim("client_id", clientId.value())
                .claim("scope", String.join(" ", scopes));
        if (authTime != null) {
            claims.claim("auth_time", authTime.getEpochSecond());
        }
        String value = sign(AT_JWT, claims.build());
        return new Minted(value, new IssuedToken(TokenHashes.sha256(value), jti, "jwt", audience, now, expiresAt));
    }

    @Override
    public Minted refreshToken() {
        Instant now = clock.instant();
        String value = TokenHashes.randomValue(32);
        return new Minted(value, new IssuedToken(TokenHashes.sha256(value), null, null, null, now,
                now.plus(properties.tokens().refreshToken())));
    }

    @Override
    public String idToken(ClientId clientId, MemberId memberId, Instant authTime, String nonce, List<String> amr,
                          String accessToken) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(memberId.value())
                .audience(clientId.value())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.tokens().accessToken())))
                .claim("azp", clientId.value())
                .claim("at_hash", leftHalfHash(accessToken));
        if (authTime != null) {
            claims.claim("auth_time", authTime.getEpochSecond());
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (amr != null && !amr.isEmpty()) {
            claims.claim("amr", amr);
            // OIDC Core §2 acr: the level of assurance the factors used reach (ITU-T X.1254)
            claims.claim("acr", io.kizuna.policy.AuthenticationPolicy.acrOf(amr));
        }
        return sign(JOSEObjectType.JWT, claims.build());
    }

    /** OIDC Core §3.1.3.6: base64url of the left half of SHA-256 of the ASCII token value. */
    static String leftHalfHash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(JOSEObjectType type, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(type)
                    .build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }
}
