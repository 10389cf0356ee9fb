package io.kizuna.protocol.oauth2.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.signingkey.SigningAlgorithms;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Checks a DPoP proof JWT (RFC 9449 §4.3) with Nimbus JOSE: exactly one {@code DPoP} header (check 1), a
 * well-formed JWS (2, 3) of {@code typ: dpop+jwt} (4), an asymmetric {@code alg} we support (5,
 * {@link #ALGS}), a public {@code jwk} that verifies the signature (6, 7), {@code htm} (8) and {@code htu}
 * (9, ignoring query and fragment) matching the request, a server nonce when one is required (10, §8),
 * {@code iat} inside the acceptance window (11), at a resource the {@code ath} of the access token (§4.3
 * check 11 applied per §7.1), and a {@code jti} never seen before in that window (§11.1), across nodes.
 * The accepted proof yields the key's RFC 7638 SHA-256 thumbprint ({@code jkt}, §6.1).
 */
@Component
@EnableConfigurationProperties(DPoPProperties.class)
public class DPoPProofs {
    /** {@code dpop_signing_alg_values_supported} (RFC 9449 §5.1): the server's own signing algorithms. */
    public static final List<String> ALGS = SigningAlgorithms.SUPPORTED;
    public static final String HEADER = "DPoP";
    public static final String NONCE_HEADER = "DPoP-Nonce";
    static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");
    private static final int MAX_PROOF_LENGTH = 8192;
    private static final int MAX_JTI_LENGTH = 256;

    private final DPoPProperties properties;
    private final DPoPNonces nonces;
    private final UsedProofIds usedIds;
    private final Clock clock;

    public DPoPProofs(DPoPProperties properties, DPoPNonces nonces, UsedProofIds usedIds, Clock clock) {
        this.properties = properties;
        this.nonces = nonces;
        this.usedIds = usedIds;
        this.clock = clock;
    }

    /**
     * A proof that passed §4.3: the key's thumbprint and whether its nonce is the current one (when it is
     * not, the answer should carry a fresh {@code DPoP-Nonce}, §8.2).
     */
    public record Proof(String jkt, boolean nonceCurrent) {
    }

    /** Whether the configuration asks every proof for a server nonce ({@code kizuna.dpop.nonce-required}). */
    public boolean nonceRequired() {
        return properties.nonceRequired();
    }

    /** The nonce to announce in {@code DPoP-Nonce} now. */
    public String currentNonce() {
        return nonces.current();
    }

    /** The URIs a proof's {@code htu} may name for {@code path}: the issuer's and the request's own. */
    public static List<String> endpointUris(String issuer, String path, HttpServletRequest request) {
        return List.of(issuer + path, request.getRequestURL().toString());
    }

    /** The value of the single {@code DPoP} header, or null when there is none (§4.3 check 1). */
    public static String proofHeader(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders(HEADER));
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1 || values.get(0).indexOf(',') >= 0) {
            throw DPoPProofRejected.invalid("exactly one DPoP header is allowed (RFC 9449 §4.3)");
        }
        return values.get(0).strip();
    }

    /**
     * Verifies {@code proof} for a request with {@code method} to one of {@code uris} (the endpoint's URL as
     * the issuer names it in discovery, and as this request reached us; query and fragment ignored).
     *
     * @param accessToken the access token the proof must be bound to through {@code ath} (§4.2, §7.1);
     *                    null at the token endpoint
     * @param nonceRequired whether this request needs a valid server nonce (§8, §9)
     */
    public Proof verify(String proof, String method, List<String> uris, String accessToken, boolean nonceRequired) {
        if (proof == null || proof.isEmpty() || proof.length() > MAX_PROOF_LENGTH) {
            throw DPoPProofRejected.invalid("the DPoP proof is missing or too long");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(proof);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw DPoPProofRejected.invalid("the DPoP proof is not a well-formed signed JWT (RFC 9449 §4.3)");
        }
        JWSHeader header = jwt.getHeader();
        if (!TYPE.equals(header.getType())) {
            throw DPoPProofRejected.invalid("the DPoP proof's typ must be dpop+jwt (RFC 9449 §4.2)");
        }
        JWSAlgorithm alg = header.getAlgorithm();
        if (alg == null || !ALGS.contains(alg.getName())) {
            throw DPoPProofRejected.invalid("the DPoP proof's alg must be one of " + String.join(", ", ALGS)
                    + " (dpop_signing_alg_values_supported, RFC 9449 §5.1)");
        }
        JWK jwk = header.getJWK();
        if (jwk == null) {
            throw DPoPProofRejected.invalid("the DPoP proof must carry its public key in the jwk header (RFC 9449 §4.2)");
        }
        if (jwk.isPrivate()) {
            throw DPoPProofRejected.invalid("the DPoP proof's jwk must not contain a private key (RFC 9449 §4.2)");
        }
        if (!signatureValid(jwt, jwk, alg)) {
            throw DPoPProofRejected.invalid("the DPoP proof's signature does not verify with its jwk (RFC 9449 §4.3)");
        }
        String jti = string(claims, "jti");
        if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
            throw DPoPProofRejected.invalid("the DPoP proof needs a jti of at most " + MAX_JTI_LENGTH
                    + " characters (RFC 9449 §4.2)");
        }
        if (!method.equals(string(claims, "htm"))) {
            throw DPoPProofRejected.invalid("the DPoP proof's htm does not match the request method " + method
                    + " (RFC 9449 §4.3)");
        }
        String htu = string(claims, "htu");
        if (htu == null || uris.stream().map(DPoPProofs::normalized).noneMatch(normalized(htu)::equals)) {
            throw DPoPProofRejected.invalid("the DPoP proof's htu does not match " + normalized(uris.get(0))
                    + " (RFC 9449 §4.3)");
        }
        Instant now = clock.instant();
        Instant iat = claims.getIssueTime() == null ? null : claims.getIssueTime().toInstant();
        if (iat == null || iat.isBefore(now.minus(properties.proofMaxAge()))
                || iat.isAfter(now.plus(properties.clockSkew()))) {
            throw DPoPProofRejected.invalid("the DPoP proof's iat is missing or outside the acceptable window"
                    + " (RFC 9449 §4.3, §11.1)");
        }
        if (accessToken != null && !TokenHashes.sameHash(TokenHashes.sha256(accessToken), string(claims, "ath"))) {
            throw DPoPProofRejected.invalid("the DPoP proof's ath does not match the access token (RFC 9449 §4.3, §7.1)");
        }
        String nonce = string(claims, "nonce");
        if ((nonceRequired || nonce != null) && !nonces.valid(nonce)) {
            throw new DPoPProofRejected(DPoPProofRejected.USE_DPOP_NONCE, nonce == null
                    ? "a server nonce is required in the DPoP proof (RFC 9449 §8)"
                    : "the DPoP proof's nonce is not current; use the one in DPoP-Nonce (RFC 9449 §8)");
        }
        String jkt = thumbprint(jwk);
        if (!usedIds.firstUse(jkt, jti, iat.plus(properties.proofMaxAge()).plus(properties.clockSkew()))) {
            throw DPoPProofRejected.invalid("the DPoP proof was already used (jti replay, RFC 9449 §11.1)");
        }
        return new Proof(jkt, nonce != null && TokenHashes.sameHash(nonce, nonces.current()));
    }

    /** RFC 7638 SHA-256 thumbprint, base64url (RFC 9449 §6.1 {@code jkt}). */
    public static String thumbprint(JWK jwk) {
        try {
            return jwk.computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw DPoPProofRejected.invalid("the DPoP proof's jwk has no thumbprint");
        }
    }

    /** The key must suit the algorithm: P-256 for ES256, RSA ≥ 2048 bits for PS256/RS256, Ed25519 for EdDSA. */
    private static boolean signatureValid(SignedJWT jwt, JWK jwk, JWSAlgorithm alg) {
        JWK withAlg = switch (jwk) {
            case ECKey ec when JWSAlgorithm.ES256.equals(alg) && Curve.P_256.equals(ec.getCurve()) ->
                    new ECKey.Builder(ec).algorithm(alg).build();
            case RSAKey rsa when Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256).contains(alg) && rsa.size() >= 2048 ->
                    new RSAKey.Builder(rsa).algorithm(alg).build();
            case OctetKeyPair okp when JWSAlgorithm.EdDSA.equals(alg) && Curve.Ed25519.equals(okp.getCurve()) ->
                    new OctetKeyPair.Builder(okp).algorithm(alg).build();
            default -> null;
        };
        return withAlg != null && SigningAlgorithms.verify(jwt, withAlg);
    }

    private static String string(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    /**
     * RFC 9449 §4.3 check 9 with RFC 3986 §6.2.2–6.2.3 normalization: scheme and host in lower case, the
     * default port dropped, an empty path as {@code /}; query and fragment ignored.
     */
    static String normalized(String uri) {
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() == null || parsed.getHost() == null) {
                return "invalid:" + uri;
            }
            String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
            int port = parsed.getPort();
            boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443)
                    || ("http".equals(scheme) && port == 80);
            String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
            return scheme + "://" + parsed.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
        } catch (URISyntaxException e) {
            return "invalid:" + uri;
        }
    }
}
