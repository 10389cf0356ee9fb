package io.kizuna.protocol.oauth2.par;

import io.kizuna.client.RegisteredClient;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.authorization.AuthorizationEndpoint;
import io.kizuna.protocol.oauth2.authorization.RequestObjects;
import io.kizuna.protocol.oauth2.client.ClientAuthenticator;
import io.kizuna.protocol.oauth2.error.OAuthException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pushed authorization request endpoint (RFC 9126 §2): the client authenticates as at the token
 * endpoint, sends the authorization request's parameters (or a signed request object, §3) in the body,
 * and gets a one-time {@code request_uri} to send the browser with. The request is checked here exactly
 * as the authorization endpoint would (§2.1), so a mistake shows up before any browser is involved.
 * Errors are RFC 9126 §2.3 JSON: {@code invalid_request}, {@code invalid_client}, {@code invalid_scope},
 * {@code unauthorized_client}, {@code invalid_request_object}, … with {@code error_description}.
 *
 * <p>DPoP (RFC 9449 §10.1): a {@code DPoP} proof sent with the pushed request (htm POST, htu this endpoint)
 * binds the authorization code to the proof's key exactly as {@code dpop_jkt} does; when both come, they
 * must name the same key ({@code invalid_dpop_proof} otherwise). A bad proof is {@code invalid_dpop_proof},
 * and clients that need server nonces get {@code use_dpop_nonce} with a {@code DPoP-Nonce} header (§8).
 */
@RestController
@EnableConfigurationProperties(ParProperties.class)
public class PushedAuthorizationRequestEndpoint {
    public static final String PATH = "/oauth2/par";
    /** Client authentication parameters (RFC 6749 §2.3.1, RFC 7523 §2.2): not part of the request. */
    private static final String[] CLIENT_AUTHENTICATION = {"client_secret", "client_assertion", "client_assertion_type"};

    private final ClientAuthenticator authenticator;
    private final AuthorizationEndpoint authorization;
    private final RequestObjects requestObjects;
    private final PushedRequests pushed;
    private final ParProperties properties;
    private final Clock clock;
    private final io.kizuna.protocol.oauth2.dpop.DPoPProofs dpop;
    private final String issuer;

    public PushedAuthorizationRequestEndpoint(ClientAuthenticator authenticator, AuthorizationEndpoint authorization,
                                              RequestObjects requestObjects, PushedRequests pushed,
                                              ParProperties properties, Clock clock,
                                              io.kizuna.protocol.oauth2.dpop.DPoPProofs dpop,
                                              io.kizuna.config.KizunaProperties kizuna) {
        this.dpop = dpop;
        this.issuer = kizuna.issuer();
        this.authenticator = authenticator;
        this.authorization = authorization;
        this.requestObjects = requestObjects;
        this.pushed = pushed;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(PATH)
    public ResponseEntity<Map<String, Object>> push(HttpServletRequest request) {
        OAuthParameters body = OAuthParameters.fromForm(request);
        RegisteredClient client = authenticator.authenticate(request, body);
        if (body.has("request_uri")) {
            throw OAuthException.invalidRequest("request_uri must not be pushed (RFC 9126 section 2.1)");
        }
        OAuthParameters parameters = body.without(CLIENT_AUTHENTICATION);
        boolean fromObject = parameters.has("request");
        if (client.profile().requiresRequestObject() && !fromObject) {
            throw OAuthException.invalidRequest("this client's profile (" + client.profile().value()
                    + ") takes only signed request objects (FAPI 2.0 Message Signing section 5.3.1, RFC 9126 section 3)");
        }
        if (fromObject) {
            // RFC 9126 §3: the request object's parameters are the request; client_id must agree (RFC 9101 §5)
            if (parameters.has("client_id") && !parameters.get("client_id").equals(client.clientId())) {
                throw OAuthException.invalidRequest("client_id differs from the authenticated client");
            }
            parameters = requestObjects.fromRequestObject(parameters.get("request"), client);
        }
        if (!parameters.has("client_id")) {
            parameters = parameters.with("client_id", client.clientId());
        } else if (!parameters.get("client_id").equals(client.clientId())) {
            throw OAuthException.invalidRequest("client_id differs from the authenticated client (RFC 9126 section 2.1)");
        }
        io.kizuna.protocol.oauth2.dpop.DPoPProofs.Proof proof = dpopProof(request, client);
        if (proof != null) {
            String jkt = parameters.get("dpop_jkt");
            if (jkt != null && !jkt.equals(proof.jkt())) {
                throw new OAuthException(400, io.kizuna.protocol.oauth2.dpop.DPoPProofRejected.INVALID_DPOP_PROOF,
                        "dpop_jkt does not match the key of the DPoP proof (RFC 9449 section 10.1)");
            }
            parameters = parameters.with("dpop_jkt", proof.jkt());
        }
        authorization.check(client, parameters, fromObject);
        String requestUri = pushed.push(client.clientId(), parameters, clock.instant().plus(properties.requestLifetime()),
                fromObject);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("request_uri", requestUri);
        answer.put("expires_in", properties.requestLifetime().toSeconds());
        ResponseEntity.BodyBuilder created = ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore());
        if (proof != null && nonceRequired(client) && !proof.nonceCurrent()) {
            created.header(io.kizuna.protocol.oauth2.dpop.DPoPProofs.NONCE_HEADER, dpop.currentNonce()); // RFC 9449 §8.2
        }
        return created.body(answer);
    }

    private boolean nonceRequired(RegisteredClient client) {
        return dpop.nonceRequired() || client.tokenSettings().requiresDpop();
    }

    /** RFC 9449 §10.1 and §4.3: the request's verified DPoP proof, or null when it has none (it is optional here). */
    private io.kizuna.protocol.oauth2.dpop.DPoPProofs.Proof dpopProof(HttpServletRequest request, RegisteredClient client) {
        try {
            String proof = io.kizuna.protocol.oauth2.dpop.DPoPProofs.proofHeader(request);
            return proof == null ? null : dpop.verify(proof, "POST",
                    io.kizuna.protocol.oauth2.dpop.DPoPProofs.endpointUris(issuer, PATH, request), null,
                    nonceRequired(client));
        } catch (io.kizuna.protocol.oauth2.dpop.DPoPProofRejected e) {
            OAuthException error = new OAuthException(400, e.error(), e.getMessage());
            if (e.wantsNonce()) {
                error.withHeader(io.kizuna.protocol.oauth2.dpop.DPoPProofs.NONCE_HEADER, dpop.currentNonce());
            }
            throw error;
        }
    }
}
