package io.kizuna.scim;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.api.token.FindTokenQuery;
import io.kizuna.api.token.TokenView;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.signingkey.SigningKeys;
import java.text.ParseException;
import java.time.Clock;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * SCIM authentication (RFC 7644 §2): an OAuth 2.0 bearer token in the Authorization header (RFC 6750 §2.1)
 * that is active in the token lookup (revocation counts at once), carries our signature when it is a JWT
 * (RFC 9068), was issued to a client for itself (client credentials, no member) and holds the {@code scim}
 * scope; otherwise 401 {@code invalid_token} or 403 {@code insufficient_scope} (RFC 6750 §3.1). A token bound
 * to a TLS client certificate is accepted only with that certificate (RFC 8705 §3.2).
 */
@Component
public class ScimBearer {
    private static final String REALM = "Bearer realm=\"kizuna-scim\"";

    private final SigningKeys keys;
    private final QueryGateway queries;
    private final Clock clock;
    private final io.kizuna.protocol.oauth2.mtls.ClientCertificates certificates;

    /** RFC 8705 §3.2: the current request's client certificate must match a certificate-bound token. */
    private boolean certificateMatches(String x5tS256) {
        return org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes attributes
                && certificates.presents(attributes.getRequest(), x5tS256);
    }

    public ScimBearer(SigningKeys keys, QueryGateway queries, Clock clock,
                      io.kizuna.protocol.oauth2.mtls.ClientCertificates certificates) {
        this.certificates = certificates;
        this.keys = keys;
        this.queries = queries;
        this.clock = clock;
    }

    /** @return the client id of the provisioning client, recorded as the events' provenance */
    public String authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            // RFC 6750 §3.1: no credentials at all → a challenge without an error code
            throw new ScimException(401, null, "an access token with the scim scope is required", REALM);
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() > 8192) {
            throw new ScimException(401, null, "expected a Bearer token (RFC 6750 §2.1)",
                    REALM + ", error=\"invalid_request\"");
        }
        String token = authorization.substring(7).strip();
        if (token.indexOf('.') >= 0) {
            verifySignature(token);
        }
        Optional<TokenView> view = queries.query(new FindTokenQuery(TokenHashes.sha256(token)),
                ResponseTypes.optionalInstanceOf(TokenView.class)).join();
        if (view.isEmpty() || !"access".equals(view.get().tokenType()) || !view.get().activeAt(clock.instant())) {
            throw invalidToken("the access token is expired, revoked or unknown");
        }
        TokenView t = view.get();
        if (t.jkt() != null) {
            // RFC 9449 §7.2: a DPoP-bound token is not a bearer token; SCIM accepts bearer tokens only
            throw invalidToken("the access token is DPoP-bound and cannot be used as a bearer token (RFC 9449 §7.2)");
        }
        if (t.x5tS256() != null && !certificateMatches(t.x5tS256())) {
            throw invalidToken("the access token is bound to a TLS client certificate; send it over a mutual-TLS"
                    + " connection with that certificate (RFC 8705 §3.2)");
        }
        if (t.memberId() != null || !t.scopes().contains(Scim.SCOPE)) {
            throw new ScimException(403, null,
                    "a client-credentials token with the scim scope is required (RFC 6750 §3.1)",
                    REALM + ", error=\"insufficient_scope\", scope=\"" + Scim.SCOPE + "\"");
        }
        return t.clientId();
    }

    private void verifySignature(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWK key = jwt.getHeader().getKeyID() == null ? null
                    : keys.publicJwks().getKeyByKeyId(jwt.getHeader().getKeyID());
            if (!(key instanceof ECKey ec) || !JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new ECDSAVerifier(ec.toECPublicKey()))) {
                throw invalidToken("the access token signature is not valid");
            }
        } catch (ParseException | JOSEException e) {
            throw invalidToken("the access token is malformed");
        }
    }

    private static ScimException invalidToken(String description) {
        return new ScimException(401, null, description,
                REALM + ", error=\"invalid_token\", error_description=\""
                + io.kizuna.protocol.oauth2.error.OAuthErrors.description(description) + "\"");
    }
}
