package io.kizuna.protocol.oauth2.authorization;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.KizunaProperties;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.client.ClientAssertionVerifier;
import io.kizuna.protocol.oauth2.error.OAuthException;
import io.kizuna.protocol.oauth2.par.PushedRequests;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Where an authorization request's parameters really come from (RFC 9101, RFC 9126): sent directly, in
 * a signed request object ({@code request}, RFC 9101 §2.1) — possibly signed then encrypted to this
 * server (RFC 9101 §6.1, OIDC Core §6.1) — pushed beforehand ({@code request_uri} from the PAR endpoint,
 * RFC 9126 §4), or by reference to one of the client's registered https {@code request_uris} (RFC 9101
 * §5.2, OIDC Core §6.2), fetched by {@link RequestUriFetcher}. For a request object or a pushed request,
 * only its parameters count; the ones beside it in the URL are ignored except {@code client_id}, which
 * must agree (RFC 9101 §6.3, §5; RFC 9126 §4). Clients of a FAPI 2.0 profile pass requests by reference
 * only through PAR.
 */
@Component
public class RequestObjects {
    /** RFC 9101 §4: the media type's short form in {@code typ}; plain JWT is tolerated. */
    static final Set<JOSEObjectType> TYPES = Set.of(new JOSEObjectType("oauth-authz-req+jwt"), JOSEObjectType.JWT);
    static final String INVALID_REQUEST_OBJECT = "invalid_request_object";
    static final String INVALID_REQUEST_URI = "invalid_request_uri";
    /** Claims that describe the request object itself, not the authorization request. */
    private static final Set<String> JWT_CLAIMS = Set.of("iss", "aud", "exp", "nbf", "iat", "jti");
    static final Duration SKEW = Duration.ofSeconds(30);

    private final ClientAssertionVerifier verifier;
    private final PushedRequests pushed;
    private final KizunaProperties properties;
    private final Clock clock;
    private final RequestObjectDecryption decryption;
    private final RequestUriFetcher fetcher;

    public RequestObjects(ClientAssertionVerifier verifier, PushedRequests pushed, KizunaProperties properties,
                          Clock clock, RequestObjectDecryption decryption, RequestUriFetcher fetcher) {
        this.decryption = decryption;
        this.fetcher = fetcher;
        this.verifier = verifier;
        this.pushed = pushed;
        this.properties = properties;
        this.clock = clock;
    }

    /** The effective parameters; errors are {@code invalid_request_object} / {@code invalid_request_uri}. */
    public Resolved resolve(OAuthParameters outer, RegisteredClient client) {
        if (outer.has("request") && outer.has("request_uri")) {
            throw OAuthException.invalidRequest("request and request_uri cannot both be sent (RFC 9101 §5)");
        }
        if (outer.has("request_uri")) {
            String uri = outer.get("request_uri");
            if (!uri.startsWith(PushedRequests.URN_PREFIX)) {
                return new Resolved(byReference(uri, client), true, false);
            }
            PushedRequests.Pushed request = pushed.open(uri)
                    .orElseThrow(() -> new OAuthException(400, INVALID_REQUEST_URI,
                            "request_uri is unknown, expired or already used (RFC 9126 section 4)"));
            if (!request.clientId().equals(client.clientId())) {
                throw new OAuthException(400, INVALID_REQUEST_URI,
                        "request_uri was pushed by another client (RFC 9126 section 4)");
            }
            return new Resolved(request.parameters(), request.fromRequestObject(), true, request.requestUriHash());
        }
        if (outer.has("request")) {
            return new Resolved(fromRequestObject(outer.get("request"), client), true, false);
        }
        return new Resolved(outer, false, false);
    }

    /**
     * RFC 9101 §5.2, OIDC Core §6.2: a request object fetched from {@code uri}, which must be one of the
     * client's registered {@code request_uris} (compared without fragment;
     * {@code require_request_uri_registration}). FAPI 2.0 clients pass requests by reference only through
     * PAR (FAPI 2.0 Security Profile §5.3.2.2), so nothing is fetched for them.
     */
    private OAuthParameters byReference(String uri, RegisteredClient client) {
        if (client.profile().requiresPushedRequests()) {
            throw OAuthException.invalidRequest("this client's profile (" + client.profile().value()
                    + ") takes authorization requests by reference only from the pushed authorization request "
                    + "endpoint (FAPI 2.0 Security Profile section 5.3.2.2, RFC 9126 section 4)");
        }
        if (uri.length() > 2 * io.kizuna.client.RequestObjectSettings.MAX_URI
                || !client.requestObjectSettings().registers(uri)) {
            throw new OAuthException(400, INVALID_REQUEST_URI, "request_uri is not one of the request_uris this "
                    + "client registered (OIDC Core section 6.2, require_request_uri_registration)");
        }
        return fromRequestObject(fetcher.fetch(uri), client);
    }

    /**
     * The parameters that count, whether they were signed or pushed, and for a pushed request the hash of
     * its {@code request_uri} (null otherwise).
     */
    public record Resolved(OAuthParameters parameters, boolean fromObject, boolean pushed, String pushedRequestUriHash) {
        public Resolved(OAuthParameters parameters, boolean fromObject, boolean pushed) {
            this(parameters, fromObject, pushed, null);
        }
    }

    /**
     * RFC 9101 §4, §6: a request object signed by the client (never {@code alg: none}) — or signed, then
     * encrypted to one of this server's {@code use: enc} keys (RFC 9101 §6.1, OIDC Core §6.1; required once
     * the client registered {@code request_object_encryption_alg}) — whose {@code iss}, {@code aud}, {@code client_id}, {@code exp}, {@code nbf} and {@code iat},
     * where present, fit this client, this server and now.
     */
    public OAuthParameters fromRequestObject(String value, RegisteredClient client) {
        return fromRequestObject(value, client, true);
    }

    /**
     * As {@link #fromRequestObject(String, RegisteredClient)}; {@code encryptionRule} false leaves out the
     * client's {@code request_object_encryption_alg} requirement, for requests whose own specification
     * asks for a signed object only (CIBA Core 1.0 §7.1.1 signed authentication requests).
     */
    public OAuthParameters fromRequestObject(String value, RegisteredClient client, boolean encryptionRule) {
        com.nimbusds.jwt.JWT jwt;
        try {
            jwt = JWTParser.parse(value);
        } catch (ParseException e) {
            throw invalid("request is not a JWT (RFC 9101 section 4)");
        }
        if (jwt instanceof com.nimbusds.jwt.EncryptedJWT encrypted) {
            jwt = decryption.decrypt(encrypted);
        } else if (encryptionRule && client.requestObjectSettings().requiresEncryption()) {
            throw invalid("this client registered request_object_encryption_alg "
                    + client.requestObjectSettings().requestObjectEncryptionAlg() + ", so its request objects must "
                    + "be encrypted to this server's use enc key (OIDC Core section 6.1)");
        }
        if (jwt instanceof PlainJWT) {
            throw invalid("unsigned request objects (alg none) are not accepted; sign it with a registered key");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw invalid("the request object is neither signed nor encrypted-then-signed");
        }
        JOSEObjectType type = signed.getHeader().getType();
        if (type != null && !TYPES.contains(type)) {
            throw invalid("typ must be oauth-authz-req+jwt (RFC 9101 section 4)");
        }
        if (!client.profile().signingAlgorithms().contains(signed.getHeader().getAlgorithm().getName())) {
            throw invalid("alg " + signed.getHeader().getAlgorithm() + " is not allowed for this client's profile ("
                    + client.profile().value() + "); use one of " + client.profile().signingAlgorithms());
        }
        if (!verifier.signedByClient(signed, client)) {
            throw invalid("the request object's signature does not verify with the client's registered keys");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("the request object's claims are not a JSON object");
        }
        checkClaims(claims, client);
        Map<String, String> values = new HashMap<>();
        Map<String, List<String>> repeated = new HashMap<>();
        for (Map.Entry<String, Object> claim : claims.getClaims().entrySet()) {
            String name = claim.getKey();
            Object v = claim.getValue();
            if (JWT_CLAIMS.contains(name) || v == null) {
                continue;
            }
            if (name.equals("request") || name.equals("request_uri")) {
                throw invalid("a request object must not contain " + name + " (RFC 9101 section 4)");
            }
            if ("resource".equals(name)) {
                repeated.put(name, v instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                        : List.of(String.valueOf(v)));
            } else if (v instanceof String s) {
                values.put(name, s);
            } else if (v instanceof Number || v instanceof Boolean) {
                values.put(name, String.valueOf(v));
            } else if (v instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) map;
                values.put(name, JSONObjectUtils.toJSONString(object));
            } else {
                throw invalid("request object claim " + (name.length() > 40 ? name.substring(0, 40) : name)
                        + " must be a string, a number or an object");
            }
        }
        if (!values.containsKey("client_id")) {
            values.put("client_id", client.clientId());
        }
        try {
            return OAuthParameters.of(values, repeated);
        } catch (OAuthException e) {
            throw invalid(e.description());
        }
    }

    private void checkClaims(JWTClaimsSet claims, RegisteredClient client) {
        Object clientId = claims.getClaim("client_id");
        if (clientId != null && !client.clientId().equals(clientId)) {
            throw invalid("the request object's client_id differs from the request's (RFC 9101 section 5)");
        }
        if (claims.getIssuer() != null && !client.clientId().equals(claims.getIssuer())) {
            throw invalid("the request object's iss must be the client_id (RFC 9101 section 10.2)");
        }
        if (claims.getAudience() != null && !claims.getAudience().isEmpty()
                && !claims.getAudience().contains(properties.issuer())) {
            throw invalid("the request object's aud must be this server's issuer identifier (RFC 9101 section 4)");
        }
        Instant now = clock.instant();
        if (client.profile().strictRequestObjects()) {
            strict(claims, now);
        }
        if (claims.getExpirationTime() != null && !claims.getExpirationTime().toInstant().isAfter(now.minus(SKEW))) {
            throw invalid("the request object has expired (exp)");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(SKEW))) {
            throw invalid("the request object is not valid yet (nbf)");
        }
        if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(now.plus(SKEW))) {
            throw invalid("the request object was issued in the future (iat)");
        }
    }

    /**
     * FAPI 1.0 Advanced §5.2.2 items 13–17, FAPI 2.0 Message Signing §5.3.1: {@code aud} names this
     * server, {@code exp} and {@code nbf} are present, at most 60 minutes apart, and {@code nbf} is no
     * more than 60 minutes old.
     */
    private void strict(JWTClaimsSet claims, Instant now) {
        if (claims.getAudience() == null || !claims.getAudience().contains(properties.issuer())) {
            throw invalid("the request object's aud must be this server's issuer identifier (FAPI)");
        }
        if (claims.getExpirationTime() == null || claims.getNotBeforeTime() == null) {
            throw invalid("the request object needs exp and nbf (FAPI 1.0 Advanced section 5.2.2, item 13)");
        }
        Instant exp = claims.getExpirationTime().toInstant();
        Instant nbf = claims.getNotBeforeTime().toInstant();
        if (Duration.between(nbf, exp).compareTo(io.kizuna.client.ClientProfile.MAX_REQUEST_OBJECT_LIFETIME) > 0) {
            throw invalid("the request object's exp is more than 60 minutes after its nbf (FAPI)");
        }
        if (nbf.isBefore(now.minus(io.kizuna.client.ClientProfile.MAX_REQUEST_OBJECT_LIFETIME))) {
            throw invalid("the request object's nbf is more than 60 minutes in the past (FAPI)");
        }
    }

    static OAuthException invalid(String description) {
        return new OAuthException(400, INVALID_REQUEST_OBJECT, description);
    }
}
