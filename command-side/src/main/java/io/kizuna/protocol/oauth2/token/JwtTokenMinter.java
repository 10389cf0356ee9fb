package io.kizuna.protocol.oauth2.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.IssuedToken;
import io.kizuna.api.member.MemberId;
import io.kizuna.config.KizunaProperties;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.grant.TokenMinter;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.TokenSettings;
import io.kizuna.protocol.oauth2.dpop.DPoPBinding;
import io.kizuna.protocol.oauth2.resource.ResourceIndicators;
import io.kizuna.protocol.oauth2.resource.ResourceServers;
import io.kizuna.signingkey.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Access tokens per client: JWTs (RFC 9068 §2) signed with the client's {@code access_token_signing_alg}
 * (ES256 by default; PS256, RS256, EdDSA) or opaque 256-bit random values that only the token lookup can
 * resolve; opaque 256-bit refresh tokens; ID tokens (OIDC Core §2) signed with the client's
 * {@code id_token_signed_response_alg}, {@code at_hash} per §3.1.3.6. Lifetimes come from the client's
 * {@link TokenSettings}, else from configuration. The access token's {@code aud} (RFC 9068 §3) is the
 * requested RFC 8707 resources, else the resource servers its scopes reach ({@link ResourceServers}),
 * else the issuer. A token request with a DPoP proof ({@link DPoPBinding}) binds the access token to the
 * proof's key: {@code cnf.jkt} in a JWT (RFC 9449 §6.1), the thumbprint beside an opaque token's hash (§6.2);
 * a public client's refresh token is bound likewise (§5). A token request bound to its TLS client
 * certificate ({@link io.kizuna.protocol.oauth2.mtls.CertificateBinding}) puts {@code cnf.x5t#S256} in a
 * JWT (RFC 8705 §3.1) or the thumbprint beside an opaque token's hash, and binds a public client's refresh
 * token (§4).
 */
@Component
public class JwtTokenMinter implements TokenMinter {
    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final KizunaProperties properties;
    private final Clock clock;
    private final SigningKeys keys;
    private final ClientRegistry clients;
    private final ResourceServers resourceServers;
    private final org.axonframework.queryhandling.QueryGateway queries;
    private final io.kizuna.client.ClientEncryptionKeys encryptionKeys;

    public JwtTokenMinter(SigningKeys keys, KizunaProperties properties, Clock clock, ClientRegistry clients,
                          ResourceServers resourceServers, org.axonframework.queryhandling.QueryGateway queries,
                          io.kizuna.client.ClientEncryptionKeys encryptionKeys) {
        this.queries = queries;
        this.encryptionKeys = encryptionKeys;
        this.properties = properties;
        this.clock = clock;
        this.keys = keys;
        this.clients = clients;
        this.resourceServers = resourceServers;
    }

    @Override
    public Minted accessToken(GrantId grantId, ClientId clientId, MemberId memberId, List<String> scopes,
                              Instant authTime, String format) {
        TokenSettings settings = clients.tokenSettings(clientId.value());
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.accessTokenLifetime(properties.tokens().accessToken()));
        String jti = TokenHashes.randomValue(16);
        List<String> audiences = audiences(scopes);
        String audience = String.join(" ", audiences);
        String jkt = DPoPBinding.accessTokenJkt();
        String x5t = io.kizuna.protocol.oauth2.mtls.CertificateBinding.accessTokenThumbprint();
        if ("opaque".equals(format)) {
            // 256 bits, well above RFC 6749 §10.10's and RFC 9700's floor of 128: unguessable, and its
            // SHA-256 in the ledger reveals nothing
            String value = TokenHashes.randomValue(32);
            return new Minted(value, new IssuedToken(TokenHashes.sha256(value), jti, "opaque", audience, now,
                    expiresAt, jkt, x5t));
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(memberId != null ? memberId.value() : clientId.value())
                .audience(audiences)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(jti)
                .claim("client_id", clientId.value())
                .claim("scope", String.join(" ", scopes));
        if (authTime != null) {
            claims.claim("auth_time", authTime.getEpochSecond());
        }
        if (jkt != null || x5t != null) {
            // RFC 9449 §6.1 (jkt), RFC 8705 §3.1 (x5t#S256): confirmation members of RFC 7800 §3.1
            java.util.Map<String, Object> cnf = new java.util.LinkedHashMap<>();
            if (jkt != null) {
                cnf.put("jkt", jkt);
            }
            if (x5t != null) {
                cnf.put("x5t#S256", x5t);
            }
            claims.claim("cnf", cnf);
        }
        String value = sign(settings.accessTokenSigningAlgOrDefault(), AT_JWT, claims.build());
        return new Minted(value, new IssuedToken(TokenHashes.sha256(value), jti, "jwt", audience, now, expiresAt,
                jkt, x5t));
    }

    /**
     * RFC 8707 §2.2: the requested resources; otherwise the resource servers the scopes reach (with the
     * issuer too when {@code openid} makes the token good for UserInfo); otherwise the issuer.
     */
    private List<String> audiences(List<String> scopes) {
        List<String> requested = ResourceIndicators.requested();
        if (!requested.isEmpty()) {
            return requested;
        }
        List<String> audiences = new ArrayList<>(resourceServers.audiencesFor(scopes));
        if (audiences.isEmpty() || scopes.contains("openid")) {
            audiences.add(0, properties.issuer());
        }
        return List.copyOf(audiences);
    }

    @Override
    public Minted refreshToken(ClientId clientId) {
        TokenSettings settings = clients.tokenSettings(clientId.value());
        Instant now = clock.instant();
        String value = TokenHashes.randomValue(32);
        return new Minted(value, new IssuedToken(TokenHashes.sha256(value), null, null, null, now,
                now.plus(settings.refreshTokenLifetime(properties.tokens().refreshToken())),
                DPoPBinding.refreshTokenJkt(),
                io.kizuna.protocol.oauth2.mtls.CertificateBinding.refreshTokenThumbprint()));
    }

    /**
     * OIDC Core §2 with {@code at_hash} (§3.1.3.6, §3.2.2.10), {@code c_hash} when a code comes with it
     * (§3.3.2.11), {@code s_hash} of the state from the authorization endpoint (FAPI 1 §5.2.2.1), each the
     * left half of the hash the signing algorithm uses; and the member claims named in the extras, read
     * from the member's personal data (never from an event).
     */
    @Override
    public String idToken(ClientId clientId, MemberId memberId, Instant authTime, String nonce, List<String> amr,
                          String accessToken, IdTokenExtras extras) {
        TokenSettings settings = clients.tokenSettings(clientId.value());
        String alg = settings.idTokenSignedResponseAlgOrDefault();
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(memberId.value())
                .audience(clientId.value())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(settings.idTokenLifetime(properties.tokens().accessToken()))))
                .claim("azp", clientId.value());
        if (accessToken != null) {
            claims.claim("at_hash", leftHalfHash(accessToken, alg));
        }
        if (authTime != null) {
            claims.claim("auth_time", authTime.getEpochSecond());
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (extras.sid() != null) {
            // Back-Channel Logout §2.1 / Front-Channel Logout §3: the session's id — a random UUID, neither the
            // session cookie nor derivable from it (the cookie is a separate 256-bit secret, stored as a hash)
            claims.claim("sid", extras.sid());
        }
        if (extras.extraClaims() != null) {
            // e.g. CIBA Core 1.0 §10.1.1 urn:openid:params:jwt:claim:auth_req_id; never a standard claim set here
            extras.extraClaims().forEach(claims::claim);
        }
        if (extras.code() != null) {
            claims.claim("c_hash", leftHalfHash(extras.code(), alg));
        }
        if (extras.state() != null) {
            claims.claim("s_hash", leftHalfHash(extras.state(), alg));
        }
        if (extras.claims() != null && !extras.claims().isEmpty()) {
            io.kizuna.api.member.MemberClaims member = queries.query(
                    new io.kizuna.api.member.FindMemberClaimsQuery(memberId),
                    org.axonframework.messaging.responsetypes.ResponseTypes.instanceOf(
                            io.kizuna.api.member.MemberClaims.class)).join();
            io.kizuna.protocol.oidc.claims.MemberClaimNames.values(member == null ? null : member.personalData(),
                    extras.claims()).forEach(claims::claim);
        }
        if (amr != null && !amr.isEmpty()) {
            claims.claim("amr", amr);
            // OIDC Core §2 acr: the level of assurance the factors used reach (ITU-T X.1254)
            claims.claim("acr", io.kizuna.policy.AuthenticationPolicy.acrOf(amr));
        }
        String signed = sign(alg, JOSEObjectType.JWT, claims.build());
        return encryptIfRegistered(clientId.value(), signed);
    }

    /**
     * OIDC Core §10.2: for a client with {@code id_token_encrypted_response_alg}, the signed ID token is
     * encrypted to the client's key as a nested JWT ({@code cty: JWT}, the key's {@code kid}).
     */
    private String encryptIfRegistered(String clientId, String signed) {
        ClientRegistry.Protection protection = clients.responseProtection(clientId);
        io.kizuna.client.ResponseProtection settings = protection.settings();
        if (!settings.encryptsIdToken()) {
            return signed;
        }
        String alg = settings.idTokenEncryptedResponseAlg();
        com.nimbusds.jose.jwk.JWK key = encryptionKeys.keyFor(clientId, protection, alg);
        return io.kizuna.client.ClientEncryptionKeys.encrypt(new com.nimbusds.jose.Payload(signed), true, key, alg,
                settings.idTokenEncOrDefault());
    }

    /** OIDC Core §3.1.3.6: base64url of the left half of SHA-256 of the ASCII token value (ES256, PS256, RS256). */
    static String leftHalfHash(String value) {
        return leftHalfHash(value, "ES256");
    }

    /**
     * OIDC Core §3.1.3.6 / §3.3.2.11 with the hash of the ID token's {@code alg}: SHA-256 for the *256
     * algorithms, SHA-512 for EdDSA with Ed25519 (whose signature hashes with SHA-512; the OIDC errata
     * practice the OpenID conformance suite expects). Used for at_hash, c_hash and s_hash alike.
     */
    static String leftHalfHash(String value, String alg) {
        try {
            String hash = "EdDSA".equals(alg) ? "SHA-512" : "SHA-256";
            byte[] digest = MessageDigest.getInstance(hash).digest(value.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(String alg, JOSEObjectType type, JWTClaimsSet claims) {
        SigningKeys.ActiveKey key = keys.active(alg);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(key.algorithm()).keyID(key.kid()).type(type).build(),
                    claims);
            jwt.sign(key.signer());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }
}
