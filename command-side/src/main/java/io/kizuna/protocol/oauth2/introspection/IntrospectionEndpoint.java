package io.kizuna.protocol.oauth2.introspection;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.api.token.FindTokenQuery;
import io.kizuna.api.token.TokenView;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.KizunaProperties;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.client.ClientAuthenticator;
import io.kizuna.protocol.oauth2.error.OAuthException;
import io.kizuna.protocol.oauth2.resource.ResourceServers;
import io.kizuna.signingkey.SigningKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Token introspection (RFC 7662). Answers from the token-lookup read model, which is written in the
 * same transaction as the issuing event, so a token is introspectable the instant it was returned.
 * Only confidential clients (resource servers) may ask (§2.1); anything unknown, expired or revoked is
 * simply {@code {"active": false}} (§2.2).
 *
 * <p>A caller that sends {@code Accept: application/token-introspection+jwt} gets the same answer as a
 * JWT signed with the server's key (RFC 9701 §5): {@code typ: token-introspection+jwt}, {@code iss},
 * {@code aud} = the calling client, {@code iat}, and the RFC 7662 members inside the
 * {@code token_introspection} claim. No top-level {@code sub} or {@code exp} (§5, §8.1), so the
 * response can never pass for an access token.
 */
@RestController
public class IntrospectionEndpoint {
    public static final String PATH = "/oauth2/introspect";
    /** RFC 9701 §4 and §12.2. */
    public static final MediaType JWT_RESPONSE = MediaType.parseMediaType("application/token-introspection+jwt");
    static final JOSEObjectType JWT_RESPONSE_TYPE = new JOSEObjectType("token-introspection+jwt");

    private final ClientAuthenticator authenticator;
    private final QueryGateway queries;
    private final KizunaProperties properties;
    private final Clock clock;
    private final SigningKeys keys;
    private final ResourceServers resourceServers;

    public IntrospectionEndpoint(ClientAuthenticator authenticator, QueryGateway queries,
                                 KizunaProperties properties, Clock clock, SigningKeys keys,
                                 ResourceServers resourceServers) {
        this.authenticator = authenticator;
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
        this.keys = keys;
        this.resourceServers = resourceServers;
    }

    @PostMapping(PATH)
    public ResponseEntity<?> introspect(HttpServletRequest request) {
        OAuthParameters parameters = OAuthParameters.fromForm(request);
        RegisteredClient caller = authenticator.authenticate(request, parameters);
        if (caller.isPublic()) {
            throw OAuthException.invalidClient("public clients may not introspect tokens (RFC 7662 §2.1)", false);
        }
        String token = parameters.require("token");
        Optional<TokenView> view = queries.query(new FindTokenQuery(TokenHashes.sha256(token)),
                ResponseTypes.optionalInstanceOf(TokenView.class)).join();
        Map<String, Object> body = new LinkedHashMap<>();
        if (view.isEmpty() || !view.get().activeAt(clock.instant()) || !signatureStillValid(token)
                || !mayLearnAbout(caller, view.get())) {
            body.put("active", false);
        } else {
            TokenView t = view.get();
            body.put("active", true);
            body.put("scope", String.join(" ", t.scopes()));
            body.put("client_id", t.clientId());
            body.put("sub", t.memberId() != null ? t.memberId() : t.clientId());
            // RFC 9449 §6.2: a DPoP-bound token says so and names its key
            body.put("token_type", !"access".equals(t.tokenType()) ? "refresh_token" : t.jkt() != null ? "DPoP"
                    : "Bearer");
            body.put("exp", t.expiresAt().getEpochSecond());
            body.put("iat", t.issuedAt().getEpochSecond());
            body.put("iss", properties.issuer());
            if (t.audience() != null) {
                List<String> audiences = List.of(t.audience().split(" "));
                body.put("aud", audiences.size() == 1 ? audiences.get(0) : audiences);
            }
            if (t.jti() != null) {
                body.put("jti", t.jti());
            }
            if (t.jkt() != null || t.x5tS256() != null) {
                // RFC 9449 §6.2 (jkt) and RFC 8705 §3.2 (x5t#S256): the confirmation the resource checks
                Map<String, Object> cnf = new java.util.LinkedHashMap<>();
                if (t.jkt() != null) {
                    cnf.put("jkt", t.jkt());
                }
                if (t.x5tS256() != null) {
                    cnf.put("x5t#S256", t.x5tS256());
                }
                body.put("cnf", cnf);
            }
        }
        if (wantsJwt(request)) {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(JWT_RESPONSE)
                    .body(signed(caller, body));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /**
     * A JWT access token whose signing key has been retired is no longer active (the resource server could
     * not verify it either); opaque tokens carry no signature. The token was found by the hash of its exact
     * bytes, so we issued it: checking that its {@code kid} is still published suffices, without paying for
     * a signature verification on every introspection.
     */
    private boolean signatureStillValid(String token) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return true;
        }
        try {
            JWSHeader header = JWSHeader.parse(new com.nimbusds.jose.util.Base64URL(token.substring(0, dot)));
            return keys.publishedKey(header.getKeyID()).isPresent();
        } catch (java.text.ParseException e) {
            return false;
        }
    }

    /**
     * RFC 7662 §4 (the server should determine whether the token is meant for the protected resource
     * asking): a token audience-restricted to configured resource servers is shown as active only to the
     * client it was issued to and to the introspecting clients of those resource servers; anyone else gets
     * {@code active: false} (§2.2). Tokens whose audience is only this issuer may be introspected by any
     * confidential client, as before.
     */
    private boolean mayLearnAbout(RegisteredClient caller, TokenView token) {
        if (token.audience() == null || caller.clientId().equals(token.clientId())) {
            return true;
        }
        List<String> resources = java.util.Arrays.stream(token.audience().split(" "))
                .filter(resourceServers::known).toList();
        return resources.isEmpty() || resources.stream().anyMatch(uri -> resourceServers.introspects(caller.clientId(), uri));
    }

    /** RFC 9701 §4: the resource server asks for the JWT form with the Accept header. */
    private static boolean wantsJwt(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.getQualityValue() > 0
                    && JWT_RESPONSE.equalsTypeAndSubtype(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** RFC 9701 §5. */
    private String signed(RegisteredClient caller, Map<String, Object> introspection) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(List.of(caller.clientId()))
                .issueTime(Date.from(clock.instant()))
                .claim("token_introspection", introspection)
                .build();
        SigningKeys.ActiveKey key = keys.active();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid())
                    .type(JWT_RESPONSE_TYPE).build(), claims);
            jwt.sign(key.signer());
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the introspection response failed", e);
        }
    }
}
