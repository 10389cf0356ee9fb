package io.kizuna.protocol.oidc.userinfo;

import com.nimbusds.jwt.SignedJWT;
import io.kizuna.api.member.FindMemberClaimsQuery;
import io.kizuna.api.member.MemberClaims;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalData;
import io.kizuna.api.token.FindTokenQuery;
import io.kizuna.api.token.TokenView;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.dpop.DPoPProofRejected;
import io.kizuna.protocol.oauth2.dpop.DPoPProofs;
import io.kizuna.protocol.oauth2.error.OAuthErrors;
import io.kizuna.protocol.oauth2.error.OAuthException;
import io.kizuna.protocol.oidc.claims.ClaimsRelease;
import io.kizuna.protocol.oidc.claims.MemberClaimNames;
import io.kizuna.signingkey.SigningKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The UserInfo endpoint (OIDC Core §5.3) as an RFC 6750 protected resource: the bearer token comes in
 * the Authorization header (§2.1) or a form body (§2.2), never the query; it must be active in the
 * token-lookup read model (so revocation takes effect at once) and carry the {@code openid} scope. JWT
 * access tokens (RFC 9068) must also carry our signature; opaque ones have none and are known only
 * by the lookup, which finds a token solely by the SHA-256 of its exact value.
 *
 * <p>DPoP (RFC 9449 §7): {@code Authorization: DPoP <token>} with a {@code DPoP} proof whose key is the
 * token's {@code cnf.jkt} and whose {@code ath} is the token's hash; a DPoP-bound token sent as a bearer
 * token is refused (§7.2). Every challenge offers {@code DPoP} with the accepted {@code algs} beside
 * {@code Bearer} (§7.1); with {@code kizuna.dpop.nonce-required} proofs need a server nonce here too (§9).
 *
 * <p>Certificate-bound tokens (RFC 8705 §3.2): a token with {@code cnf.x5t#S256} is accepted only over a
 * mutual-TLS connection whose client certificate has that thumbprint (from the TLS handshake, or the
 * trusted proxy's header, see {@link io.kizuna.protocol.oauth2.mtls.ClientCertificates}); otherwise 401
 * {@code invalid_token}.
 */
@RestController
public class UserInfoEndpoint {
    public static final String PATH = "/userinfo";
    private static final String REALM = "Bearer realm=\"kizuna\"";
    /** RFC 9449 §7.1: the DPoP challenge with the accepted proof algorithms. */
    private static final String DPOP_CHALLENGE = "DPoP algs=\"" + String.join(" ", DPoPProofs.ALGS) + "\"";

    private final SigningKeys keys;
    private final QueryGateway queries;
    private final Clock clock;
    private final io.kizuna.client.ClientRegistry clients;
    private final io.kizuna.client.ClientEncryptionKeys encryptionKeys;
    private final io.kizuna.config.KizunaProperties properties;
    private final DPoPProofs dpop;
    private final io.kizuna.protocol.oauth2.mtls.ClientCertificates certificates;
    private final String issuer;
    private final io.kizuna.grant.GrantClaimsLookup grantClaims;

    public UserInfoEndpoint(SigningKeys keys, QueryGateway queries, Clock clock,
                            io.kizuna.client.ClientRegistry clients,
                            io.kizuna.client.ClientEncryptionKeys encryptionKeys,
                            io.kizuna.config.KizunaProperties properties, DPoPProofs dpop,
                            io.kizuna.protocol.oauth2.mtls.ClientCertificates certificates,
                            io.kizuna.grant.GrantClaimsLookup grantClaims) {
        this.certificates = certificates;
        this.grantClaims = grantClaims;
        this.clients = clients;
        this.encryptionKeys = encryptionKeys;
        this.properties = properties;
        this.keys = keys;
        this.queries = queries;
        this.clock = clock;
        this.dpop = dpop;
        this.issuer = properties.issuer();
    }

    @RequestMapping(path = PATH, method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<?> userinfo(HttpServletRequest request) {
        boolean dpopScheme = usesDpopScheme(request);
        String token = dpopScheme ? dpopToken(request) : bearerToken(request);
        if (looksLikeJwt(token)) {
            verifySignature(token, dpopScheme);
        }
        Optional<TokenView> view = queries.query(new FindTokenQuery(TokenHashes.sha256(token)),
                ResponseTypes.optionalInstanceOf(TokenView.class)).join();
        if (view.isEmpty() || !"access".equals(view.get().tokenType()) || !view.get().activeAt(clock.instant())) {
            throw invalidToken("the access token is expired, revoked or unknown", dpopScheme);
        }
        TokenView t = view.get();
        if (dpopScheme) {
            checkProof(request, token, t);
        } else if (t.jkt() != null) {
            throw invalidToken("the access token is DPoP-bound; send it with the DPoP scheme and a proof"
                    + " (RFC 9449 §7.2)", true);
        }
        if (t.x5tS256() != null && !certificates.presents(request, t.x5tS256())) {
            throw invalidToken("the access token is bound to a TLS client certificate; send it over a mutual-TLS"
                    + " connection with that certificate (RFC 8705 §3.2)", dpopScheme);
        }
        if (t.memberId() == null || !t.scopes().contains("openid")) {
            throw new OAuthException(403, OAuthErrors.INSUFFICIENT_SCOPE, "the openid scope is required",
                    (dpopScheme ? DPOP_CHALLENGE : REALM) + ", error=\"insufficient_scope\", scope=\"openid\"");
        }
        MemberClaims member = queries.query(new FindMemberClaimsQuery(new MemberId(t.memberId())),
                ResponseTypes.instanceOf(MemberClaims.class)).join();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", t.memberId());
        PersonalData data = member == null ? null : member.personalData();
        // OIDC Core §5.4 the granted scopes' claims, §5.5 those the member approved one by one for this grant;
        // a claim the member left empty is omitted (§5.3.2), never null
        claims.putAll(MemberClaimNames.values(data, ClaimsRelease.userinfoClaims(t.scopes(),
                grantClaims.userinfoClaims(t.grantId()))));
        return respond(t.clientId(), claims);
    }

    /**
     * OIDC Core §5.3.2: plain JSON, unless the client registered {@code userinfo_signed_response_alg}
     * (a JWT signed with it, with {@code iss} and {@code aud}) and/or {@code userinfo_encrypted_response_alg}
     * (a JWE to the client's key; nested, {@code cty: JWT}, when also signed), as {@code application/jwt}.
     */
    private ResponseEntity<?> respond(String clientId, Map<String, Object> claims) {
        io.kizuna.client.ClientRegistry.Protection protection = clients.responseProtection(clientId);
        io.kizuna.client.ResponseProtection settings = protection.settings();
        if (settings.userinfoSignedResponseAlg() == null && !settings.encryptsUserinfo()) {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(claims);
        }
        com.nimbusds.jwt.JWTClaimsSet.Builder jwtClaims = new com.nimbusds.jwt.JWTClaimsSet.Builder();
        claims.forEach(jwtClaims::claim);
        com.nimbusds.jwt.JWTClaimsSet set = jwtClaims.issuer(properties.issuer()).audience(clientId).build();
        String body;
        com.nimbusds.jose.Payload payload;
        if (settings.userinfoSignedResponseAlg() != null) {
            SigningKeys.ActiveKey key = keys.active(settings.userinfoSignedResponseAlg());
            SignedJWT jwt = new SignedJWT(new com.nimbusds.jose.JWSHeader.Builder(key.algorithm()).keyID(key.kid())
                    .type(com.nimbusds.jose.JOSEObjectType.JWT).build(), set);
            try {
                jwt.sign(key.signer());
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new IllegalStateException("signing failed", e);
            }
            body = jwt.serialize();
            payload = new com.nimbusds.jose.Payload(jwt);
        } else {
            body = null;
            payload = new com.nimbusds.jose.Payload(set.toJSONObject());
        }
        if (settings.encryptsUserinfo()) {
            String alg = settings.userinfoEncryptedResponseAlg();
            body = io.kizuna.client.ClientEncryptionKeys.encrypt(payload, settings.userinfoSignedResponseAlg() != null,
                    encryptionKeys.keyFor(clientId, protection, alg), alg, settings.userinfoEncOrDefault());
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .contentType(org.springframework.http.MediaType.parseMediaType("application/jwt")).body(body);
    }

    private static boolean usesDpopScheme(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "DPoP ", 0, 5);
    }

    /** RFC 9449 §7.1: {@code Authorization: DPoP <token>}, the token68 syntax of RFC 6750 §2.1. */
    private static String dpopToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        String token = header.substring(5).strip();
        if (token.isEmpty() || header.length() > 8192 || Collections.list(request.getHeaders("Authorization")).size() > 1) {
            throw new OAuthException(401, OAuthErrors.INVALID_REQUEST, "expected one DPoP access token",
                    DPOP_CHALLENGE + ", error=\"invalid_request\"");
        }
        return token;
    }

    /**
     * RFC 9449 §7.1 and §4.3: a valid proof for this request whose {@code ath} is the token's hash, by the key
     * the token is bound to.
     */
    private void checkProof(HttpServletRequest request, String token, TokenView view) {
        DPoPProofs.Proof proof;
        try {
            String value = DPoPProofs.proofHeader(request);
            if (value == null) {
                throw new OAuthException(401, DPoPProofRejected.INVALID_DPOP_PROOF,
                        "the DPoP scheme needs a DPoP proof header (RFC 9449 §7.1)",
                        dpopError(DPoPProofRejected.INVALID_DPOP_PROOF, "a DPoP proof is required"));
            }
            proof = dpop.verify(value, request.getMethod(), DPoPProofs.endpointUris(issuer, PATH, request), token,
                    dpop.nonceRequired());
        } catch (DPoPProofRejected e) {
            OAuthException error = new OAuthException(401, e.error(), e.getMessage(), dpopError(e.error(), e.getMessage()));
            if (e.wantsNonce()) {
                error.withHeader(DPoPProofs.NONCE_HEADER, dpop.currentNonce());
            }
            throw error;
        }
        if (view.jkt() == null || !view.jkt().equals(proof.jkt())) {
            throw invalidToken("the access token is not bound to the DPoP proof's key (RFC 9449 §7.1)", true);
        }
    }

    private static String dpopError(String error, String description) {
        return DPOP_CHALLENGE + ", error=\"" + error + "\", error_description=\""
                + OAuthErrors.description(description) + "\"";
    }

    private static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        String fromBody = null;
        if ("POST".equals(request.getMethod()) && request.getContentType() != null
                && request.getContentType().startsWith("application/x-www-form-urlencoded")) {
            fromBody = OAuthParameters.from(request).get("access_token");
        }
        if (request.getQueryString() != null && request.getQueryString().contains("access_token=")) {
            throw new OAuthException(400, OAuthErrors.INVALID_REQUEST,
                    "access tokens are not accepted in the query (RFC 6750 §2.3, RFC 9700 §2.4)",
                    REALM + ", error=\"invalid_request\"");
        }
        if (header != null && fromBody != null) {
            throw new OAuthException(400, OAuthErrors.INVALID_REQUEST, "use exactly one way to send the token (RFC 6750 §2)",
                    REALM + ", error=\"invalid_request\"");
        }
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 8192) {
                throw new OAuthException(401, OAuthErrors.INVALID_REQUEST, "expected a Bearer or DPoP token", REALM)
                        .withHeader("WWW-Authenticate", DPOP_CHALLENGE);
            }
            return header.substring(7).strip();
        }
        if (fromBody != null) {
            return fromBody;
        }
        // RFC 6750 §3.1: no credentials at all → no error code in the challenge; RFC 9449 §7.1: DPoP offered too
        throw new OAuthException(401, OAuthErrors.INVALID_TOKEN, "an access token is required", REALM)
                .withHeader("WWW-Authenticate", DPOP_CHALLENGE);
    }

    /** JWS compact serialization has dots; opaque tokens are base64url, which has none. */
    private static boolean looksLikeJwt(String token) {
        return token.indexOf('.') >= 0;
    }

    private void verifySignature(String token, boolean dpopScheme) {
        try {
            // any key still published in the JWKS, so tokens signed before a rotation keep working until
            // the overlap ends; a retired key's tokens never verify
            if (!keys.verify(SignedJWT.parse(token))) {
                throw invalidToken("the access token signature is not valid", dpopScheme);
            }
        } catch (ParseException e) {
            throw invalidToken("the access token is malformed", dpopScheme);
        }
    }

    /** RFC 6750 §3.1, or RFC 9449 §7.1 when the token came (or should have come) with the DPoP scheme. */
    private static OAuthException invalidToken(String description, boolean dpopScheme) {
        if (dpopScheme) {
            return new OAuthException(401, OAuthErrors.INVALID_TOKEN, description,
                    dpopError(OAuthErrors.INVALID_TOKEN, description));
        }
        return new OAuthException(401, OAuthErrors.INVALID_TOKEN, description,
                REALM + ", error=\"invalid_token\", error_description=\""
                + io.kizuna.protocol.oauth2.error.OAuthErrors.description(description) + "\"")
                .withHeader("WWW-Authenticate", DPOP_CHALLENGE);
    }
}
