package io.kizuna.protocol.oauth2.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.client.ClientJwtSecrets;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.KizunaProperties;
import io.kizuna.protocol.oauth2.error.OAuthException;
import io.kizuna.protocol.oauth2.token.TokenEndpoint;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Verifies a client assertion (RFC 7523 §2.2 and §3, OIDC Core §9) for {@code private_key_jwt} (the
 * client's registered public keys; ES256, PS256, RS256, EdDSA) and {@code client_secret_jwt} (HS256 keyed
 * with the client secret). The algorithm must belong to the client's registered method, so an HMAC made
 * with a public key (algorithm confusion) is never checked at all. Every failure is {@code invalid_client}
 * (RFC 7521 §4.2.1) with a description that names the broken rule.
 */
@Component
public class ClientAssertionVerifier {
    /** RFC 7523 §3 item 4 lets the server bound how far in the future {@code exp} may lie. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    /** Tolerated clock difference with the client for {@code iat} and {@code nbf}. */
    static final Duration SKEW = Duration.ofSeconds(30);
    static final Set<JWSAlgorithm> KEY_ALGORITHMS =
            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.RS256, JWSAlgorithm.EdDSA);
    static final Set<JWSAlgorithm> SECRET_ALGORITHMS = Set.of(JWSAlgorithm.HS256);

    private final ClientJwtSecrets secrets;
    private final UsedAssertionIds usedIds;
    private final KizunaProperties properties;
    private final Clock clock;
    private final io.kizuna.client.ClientRegistry registry;
    private final io.kizuna.client.ClientEncryptionKeys clientKeys;

    public ClientAssertionVerifier(ClientJwtSecrets secrets, UsedAssertionIds usedIds, KizunaProperties properties,
                                   Clock clock, io.kizuna.client.ClientRegistry registry,
                                   io.kizuna.client.ClientEncryptionKeys clientKeys) {
        this.registry = registry;
        this.clientKeys = clientKeys;
        this.secrets = secrets;
        this.usedIds = usedIds;
        this.properties = properties;
        this.clock = clock;
    }

    /** The {@code client_id} the assertion claims (its {@code sub}, RFC 7523 §3 item 2), read before verifying. */
    public static String claimedClientId(SignedJWT assertion) {
        try {
            String sub = assertion.getJWTClaimsSet().getSubject();
            if (sub == null) {
                throw invalid("the client assertion has no sub (RFC 7523 §3)");
            }
            return sub;
        } catch (ParseException e) {
            throw invalid("the client assertion's claims are not a JSON object");
        }
    }

    public static SignedJWT parse(String assertion) {
        try {
            return SignedJWT.parse(assertion);
        } catch (ParseException e) {
            throw invalid("the client assertion is not a signed JWT (RFC 7523 §2.2)");
        }
    }

    public void verify(SignedJWT assertion, RegisteredClient client) {
        JWSHeader header = assertion.getHeader();
        boolean keys = "private_key_jwt".equals(client.authMethod());
        boolean secret = "client_secret_jwt".equals(client.authMethod());
        if (!keys && !secret) {
            throw invalid("this client is registered for " + client.authMethod());
        }
        Set<JWSAlgorithm> allowed = keys ? KEY_ALGORITHMS : SECRET_ALGORITHMS;
        if (!allowed.contains(header.getAlgorithm())) {
            throw invalid("alg " + header.getAlgorithm() + " is not allowed for " + client.authMethod());
        }
        // FAPI 1.0 Advanced §8.6 (PS256 or ES256; FAPI-CIBA §5.2.2 builds on it), FAPI 2.0 SP §5.4.1 (and EdDSA)
        if (client.profile().fapi() && !client.profile().signingAlgorithms().contains(header.getAlgorithm().getName())) {
            throw invalid("alg " + header.getAlgorithm() + " is not allowed for a " + client.profile().value()
                    + " client; use one of " + new java.util.TreeSet<>(client.profile().signingAlgorithms())
                    + " (FAPI 1.0 Advanced section 8.6, FAPI 2.0 Security Profile section 5.4.1)");
        }
        if (!(keys ? verifiedByKeys(assertion, client) : verifiedBySecret(assertion, client))) {
            throw invalid("the client assertion signature does not verify");
        }
        checkFapi2Audience(assertion, client);
        checkClaims(claims(assertion), client);
    }

    /**
     * RFC 7523 §2.1 and §3: a JWT used as an authorization grant, issued by the client itself with one of
     * its registered keys (ES256, PS256, RS256, EdDSA). Same rules as a client assertion except that
     * {@code sub} names whom the token is for, and every failure is {@code invalid_grant} (§3.1).
     *
     * @return the verified {@code sub}
     */
    public String verifyGrant(String value, RegisteredClient client) {
        SignedJWT assertion;
        try {
            assertion = SignedJWT.parse(value);
        } catch (ParseException e) {
            throw OAuthException.invalidGrant("the assertion is not a signed JWT (RFC 7523 §2.1)");
        }
        if (client.jwks() == null && jwksUri(client) == null) {
            throw OAuthException.invalidGrant("the client has no registered keys to verify its assertion with");
        }
        if (!KEY_ALGORITHMS.contains(assertion.getHeader().getAlgorithm())) {
            throw OAuthException.invalidGrant("alg " + assertion.getHeader().getAlgorithm() + " is not allowed");
        }
        if (!verifiedByKeys(assertion, client)) {
            throw OAuthException.invalidGrant("the assertion signature does not verify");
        }
        JWTClaimsSet claims;
        try {
            claims = assertion.getJWTClaimsSet();
        } catch (ParseException e) {
            throw OAuthException.invalidGrant("the assertion's claims are not a JSON object");
        }
        if (!client.clientId().equals(claims.getIssuer())) {
            throw OAuthException.invalidGrant("iss must be the client_id (RFC 7523 §3 item 1)");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw OAuthException.invalidGrant("the assertion has no sub (RFC 7523 §3 item 2)");
        }
        checkTimesAndJti(claims, client, OAuthException::invalidGrant);
        return claims.getSubject();
    }

    /**
     * Whether a JWT the client made (a request object, RFC 9101 §4) carries the client's signature: one of
     * its registered public keys for ES256, PS256, RS256 and EdDSA, or — HS256 — the secret of a
     * {@code client_secret_jwt} client (OIDC Core §10.1). Nothing else is accepted, {@code none} least of all.
     */
    public boolean signedByClient(SignedJWT jwt, RegisteredClient client) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (KEY_ALGORITHMS.contains(alg)) {
            return verifiedByKeys(jwt, client);
        }
        return SECRET_ALGORITHMS.contains(alg) && verifiedBySecret(jwt, client);
    }

    /**
     * FAPI 2.0 Security Profile §5.3.2.1 item 8 (final): for FAPI 2.0 clients the assertion's {@code aud} must be
     * the issuer identifier as a single JSON string — not the token or PAR endpoint URL, not an array — so an
     * assertion made for another server or endpoint cannot be replayed here.
     */
    private void checkFapi2Audience(SignedJWT assertion, RegisteredClient client) {
        if (client.profile() != io.kizuna.client.ClientProfile.FAPI2_SECURITY
                && client.profile() != io.kizuna.client.ClientProfile.FAPI2_MESSAGE_SIGNING) {
            return;
        }
        Object aud = assertion.getPayload().toJSONObject() == null ? null : assertion.getPayload().toJSONObject().get("aud");
        if (!(aud instanceof String value) || !value.equals(properties.issuer())) {
            throw invalid("a FAPI 2.0 client's assertion must have the issuer identifier as its aud, a single string"
                    + " (FAPI 2.0 Security Profile section 5.3.2.1)");
        }
    }

    private void checkClaims(JWTClaimsSet claims, RegisteredClient client) {
        // RFC 7523 §3 items 1 and 2: the client speaks for itself
        if (!client.clientId().equals(claims.getIssuer()) || !client.clientId().equals(claims.getSubject())) {
            throw invalid("iss and sub must both be the client_id (RFC 7523 §3)");
        }
        checkTimesAndJti(claims, client, ClientAssertionVerifier::invalid);
    }

    /** RFC 7523 §3 items 3–7, shared by client assertions and assertion grants. */
    private void checkTimesAndJti(JWTClaimsSet claims, RegisteredClient client,
                                  java.util.function.Function<String, OAuthException> invalid) {
        Instant now = clock.instant();
        // item 3: we are the audience; OIDC Core §9 names the token endpoint URL, RFC 7523 the issuer too,
        // RFC 9126 §2 the pushed authorization request endpoint URL (the AS "MUST accept" all three), and
        // CIBA Core 1.0 §7.1 the backchannel authentication endpoint URL (the OP "MUST accept" it too)
        List<String> audience = claims.getAudience();
        String issuer = properties.issuer();
        if (audience == null || audience.stream().noneMatch(a -> a.equals(issuer)
                || a.equals(issuer + TokenEndpoint.PATH)
                || a.equals(issuer + io.kizuna.protocol.oauth2.par.PushedAuthorizationRequestEndpoint.PATH)
                || a.equals(issuer + io.kizuna.protocol.oidc.ciba.BackchannelAuthenticationEndpoint.PATH))) {
            throw invalid.apply("aud must contain the issuer, the token endpoint URL, the pushed authorization "
                    + "request endpoint URL or the backchannel authentication endpoint URL (RFC 7523 §3, "
                    + "RFC 9126 §2, CIBA Core 1.0 §7.1)");
        }
        // item 4: an expiry in the future, and not far: a long-lived assertion is a bearer secret
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(now)) {
            throw invalid.apply("the client assertion has no exp or has expired (RFC 7523 §3)");
        }
        if (exp.toInstant().isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
            throw invalid.apply("the client assertion's exp is more than " + MAX_LIFETIME.toMinutes()
                    + " minutes away");
        }
        // items 5 and 6
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(SKEW))) {
            throw invalid.apply("the client assertion is not valid yet (nbf)");
        }
        if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(now.plus(SKEW))) {
            throw invalid.apply("the client assertion was issued in the future (iat)");
        }
        // item 7: one-time use, across nodes
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > 256) {
            throw invalid.apply("the client assertion needs a jti of at most 256 characters (RFC 7523 §3)");
        }
        if (!usedIds.firstUse(client.clientId(), jti, exp.toInstant())) {
            throw invalid.apply("the client assertion was already used (jti replay, RFC 7523 §3)");
        }
    }

    /** The client's {@code jwks_uri} (RFC 7591 §2) when it registered one instead of {@code jwks}, else null. */
    private String jwksUri(RegisteredClient client) {
        return registry.responseProtection(client.clientId()).settings().jwksUri();
    }

    /**
     * The client's keys: its registered {@code jwks}, or those at its {@code jwks_uri} (RFC 7591 §2), fetched
     * and cached by {@link io.kizuna.client.ClientEncryptionKeys} — a new {@code kid} refetches, so a client
     * that rotates its keys at the URL is not locked out (OIDC Core §10.1.1).
     */
    private List<JWK> keysOf(RegisteredClient client, String kid) {
        if (client.jwks() != null) {
            try {
                return JWKSet.parse(client.jwks()).getKeys();
            } catch (ParseException | RuntimeException e) {
                return List.of();
            }
        }
        String uri = jwksUri(client);
        return uri == null ? List.of() : clientKeys.signatureKeys(client.clientId(), uri, kid);
    }

    private boolean verifiedByKeys(SignedJWT assertion, RegisteredClient client) {
        String kid = assertion.getHeader().getKeyID();
        for (JWK key : keysOf(client, kid)) {
            if ((kid != null && !kid.equals(key.getKeyID())) || (key.getKeyUse() != null && key.getKeyUse() != KeyUse.SIGNATURE)) {
                continue;
            }
            try {
                if (verifies(assertion, key)) {
                    return true;
                }
            } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
                // a key of another type, a point off the curve, a signature of the wrong shape: try the next key
            }
        }
        return false;
    }

    private static boolean verifies(SignedJWT assertion, JWK key) throws JOSEException, GeneralSecurityException {
        JWSAlgorithm alg = assertion.getHeader().getAlgorithm();
        if (JWSAlgorithm.EdDSA.equals(alg)) {
            return key instanceof OctetKeyPair okp && ed25519(assertion, okp);
        }
        JWSVerifier verifier;
        if (JWSAlgorithm.ES256.equals(alg) && key instanceof ECKey ec) {
            verifier = new ECDSAVerifier(ec);
        } else if ((JWSAlgorithm.RS256.equals(alg) || JWSAlgorithm.PS256.equals(alg)) && key instanceof RSAKey rsa) {
            verifier = new RSASSAVerifier(rsa);
        } else {
            return false;
        }
        return assertion.verify(verifier);
    }

    /**
     * Ed25519 (RFC 8037 §3.1) with the JDK's own implementation: Nimbus's Ed25519 verifier would need
     * Google Tink on the class path for this one algorithm.
     */
    private static boolean ed25519(SignedJWT assertion, OctetKeyPair key) throws GeneralSecurityException {
        byte[] x = key.getDecodedX();
        if (x.length != 32) {
            return false;
        }
        // RFC 8032 §5.1.3: little-endian y, with the top bit of the last octet holding x's parity
        boolean xOdd = (x[31] & 0x80) != 0;
        byte[] y = new byte[32];
        for (int i = 0; i < 32; i++) {
            y[i] = x[31 - i];
        }
        y[0] &= 0x7f;
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(
                new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, y))));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(publicKey);
        signature.update(assertion.getSigningInput());
        return signature.verify(assertion.getSignature().decode());
    }

    private boolean verifiedBySecret(SignedJWT assertion, RegisteredClient client) {
        byte[] key = secrets.macKey(client.clientId()).orElse(null);
        if (key == null) {
            return false;
        }
        try {
            return assertion.verify(new MACVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static JWTClaimsSet claims(SignedJWT assertion) {
        try {
            return assertion.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("the client assertion's claims are not a JSON object");
        }
    }

    private static OAuthException invalid(String description) {
        return OAuthException.invalidClient(description, false);
    }
}
