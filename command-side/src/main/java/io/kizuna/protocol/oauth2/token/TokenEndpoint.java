package io.kizuna.protocol.oauth2.token;

import io.kizuna.client.RegisteredClient;
import io.kizuna.grant.TokenSet;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.config.KizunaProperties;
import io.kizuna.protocol.oauth2.client.ClientAuthenticator;
import io.kizuna.protocol.oauth2.dpop.DPoPBinding;
import io.kizuna.protocol.oauth2.dpop.DPoPProofRejected;
import io.kizuna.protocol.oauth2.dpop.DPoPProofs;
import io.kizuna.protocol.oauth2.error.OAuthErrors;
import io.kizuna.protocol.oauth2.error.OAuthException;
import io.kizuna.protocol.oauth2.mtls.CertificateBinding;
import io.kizuna.protocol.oauth2.mtls.ClientCertificates;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The token endpoint (RFC 6749 §3.2): authenticate the client (§2.3), dispatch to the handler of the
 * {@code grant_type}, answer with §5.1 JSON and {@code Cache-Control: no-store}.
 *
 * <p>DPoP (RFC 9449 §5): a request with a valid {@code DPoP} proof gets {@code token_type: DPoP} and
 * tokens bound to the proof's key (access tokens always, a public client's refresh token too). A client
 * registered with {@code dpop_bound_access_tokens} must send a proof ({@code invalid_request} otherwise,
 * §5.2) with a server nonce; with {@code kizuna.dpop.nonce-required} every proof needs one (§8):
 * {@code use_dpop_nonce} and a {@code DPoP-Nonce} header until the client has it.
 *
 * <p>Certificate binding (RFC 8705 §3): a request over mutual TLS (the certificate from the TLS handshake,
 * or from a trusted proxy's header) by a client that asks for it, or whose FAPI profile calls for it, gets
 * tokens bound to the certificate — {@code cnf.x5t#S256} in the access token, and a public client's
 * refresh token bound as well (§4). See {@link #certificateBinding}.
 */
@RestController
public class TokenEndpoint {
    public static final String PATH = "/oauth2/token";

    private final ClientAuthenticator authenticator;
    private final Map<String, TokenGrantHandler> handlers;
    private final Clock clock;
    private final io.kizuna.protocol.oauth2.resource.ResourceServers resourceServers;
    private final DPoPProofs dpop;
    private final ClientCertificates certificates;
    private final String issuer;

    public TokenEndpoint(ClientAuthenticator authenticator, List<TokenGrantHandler> handlers, Clock clock,
                         io.kizuna.protocol.oauth2.resource.ResourceServers resourceServers, DPoPProofs dpop,
                         KizunaProperties properties, ClientCertificates certificates) {
        this.authenticator = authenticator;
        this.certificates = certificates;
        this.dpop = dpop;
        this.issuer = properties.issuer();
        this.resourceServers = resourceServers;
        this.handlers = handlers.stream().collect(Collectors.toMap(TokenGrantHandler::grantType, Function.identity()));
        this.clock = clock;
    }

    @PostMapping(PATH)
    public ResponseEntity<Map<String, Object>> token(HttpServletRequest request) {
        OAuthParameters parameters = OAuthParameters.fromForm(request);
        RegisteredClient client = authenticator.authenticate(request, parameters);
        String grantType = parameters.require("grant_type");
        TokenGrantHandler handler = handlers.get(grantType);
        if (handler == null) {
            throw new OAuthException(400, OAuthErrors.UNSUPPORTED_GRANT_TYPE,
                    "grant_type " + grantType + " is not supported");
        }
        if (!client.allowsGrant(grantType)) {
            throw new OAuthException(400, OAuthErrors.UNAUTHORIZED_CLIENT,
                    "this client may not use grant_type " + grantType);
        }
        // RFC 8707 §2: resource indicators narrow the access token's audience; unknown → invalid_target
        List<String> resources = io.kizuna.protocol.oauth2.resource.ResourceIndicators.parse(parameters, client,
                resourceServers);
        DPoPProofs.Proof proof = dpopProof(request, client);
        String x5t = certificates.of(request).map(ClientCertificates::thumbprint).orElse(null);
        boolean bindCertificate = certificateBinding(client, proof, x5t);
        TokenSet tokens = CertificateBinding.during(x5t, bindCertificate, client.isPublic(),
                () -> DPoPBinding.during(proof == null ? null : proof.jkt(), client.isPublic(),
                        () -> io.kizuna.protocol.oauth2.resource.ResourceIndicators.during(resources,
                                () -> handler.handle(client, parameters))));
        if (!tokens.accepted()) {
            throw new OAuthException(400, tokens.outcome().error(), tokens.outcome().description());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.accessToken());
        if (io.kizuna.grant.Grant.TOKEN_EXCHANGE.equals(grantType)) {
            // RFC 8693 §2.2.1: REQUIRED in a token exchange response
            body.put("issued_token_type", TokenExchangeGrantHandler.ACCESS_TOKEN_TYPE);
        }
        body.put("token_type", proof == null ? "Bearer" : "DPoP"); // RFC 9449 §5
        body.put("expires_in", Math.max(0, Duration.between(clock.instant(), tokens.accessTokenExpiresAt()).toSeconds()));
        if (tokens.refreshToken() != null) {
            body.put("refresh_token", tokens.refreshToken());
        }
        if (tokens.idToken() != null) {
            body.put("id_token", tokens.idToken());
        }
        body.put("scope", String.join(" ", tokens.scopes()));
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache");
        if (proof != null && nonceRequired(client) && !proof.nonceCurrent()) {
            ok.header(DPoPProofs.NONCE_HEADER, dpop.currentNonce()); // RFC 9449 §8.2: the next nonce
        }
        return ok.body(body);
    }

    /**
     * RFC 8705 §3: whether this request's tokens are bound to its TLS client certificate ({@code x5t}, null
     * when the request has none) — when the client registered {@code tls_client_certificate_bound_access_tokens}
     * (§3.4), when its profile is FAPI 1.0 Advanced (§5.2.2 items 5–6: sender-constrained by MTLS only), or
     * when a FAPI 2.0 client (Security Profile §5.3.2.1 item 2: DPoP or MTLS) sends no DPoP proof. A client
     * that must be certificate-bound but comes without a certificate is refused with {@code invalid_request}
     * (RFC 6749 §5.2): issuing it a bearer token would break the binding it asked for. (A {@code tls_client_auth}
     * client without a certificate never gets here: its authentication fails first, {@code invalid_client}.)
     */
    private static boolean certificateBinding(RegisteredClient client, DPoPProofs.Proof proof, String x5t) {
        boolean required = client.mtls().certificateBoundAccessTokens()
                || client.profile().requiresCertificateBoundTokens();
        if (required && x5t == null) {
            throw OAuthException.invalidRequest(client.profile().requiresCertificateBoundTokens()
                    ? "this client's profile (" + client.profile().value() + ") issues only access tokens bound to"
                            + " the client's TLS certificate: send the token request over mutual TLS (RFC 8705"
                            + " section 3; FAPI 1.0 Advanced section 5.2.2)"
                    : "this client is registered with tls_client_certificate_bound_access_tokens: send the token"
                            + " request over mutual TLS with the client certificate (RFC 8705 sections 3 and 3.4)");
        }
        if (client.profile().requiresSenderConstrainedTokens() && proof == null && x5t == null) {
            throw OAuthException.invalidRequest("this client's profile (" + client.profile().value()
                    + ") issues only sender-constrained access tokens: send a DPoP proof (RFC 9449 section 4) or"
                    + " the token request over mutual TLS with a client certificate (RFC 8705 section 3; FAPI 2.0"
                    + " Security Profile section 5.3.2.1)");
        }
        return x5t != null && (required || (proof == null && client.profile().requiresSenderConstrainedTokens()));
    }

    private boolean nonceRequired(RegisteredClient client) {
        return dpop.nonceRequired() || client.tokenSettings().requiresDpop();
    }

    /** RFC 9449 §5 and §4.3: the request's verified proof, or null when it has none and may go without. */
    private DPoPProofs.Proof dpopProof(HttpServletRequest request, RegisteredClient client) {
        try {
            String proof = DPoPProofs.proofHeader(request);
            if (proof == null) {
                if (client.tokenSettings().requiresDpop()) {
                    throw new OAuthException(400, OAuthErrors.INVALID_REQUEST, "this client is registered with"
                            + " dpop_bound_access_tokens and must send a DPoP proof (RFC 9449 §5.2)");
                }
                return null;
            }
            return dpop.verify(proof, "POST", DPoPProofs.endpointUris(issuer, PATH, request), null,
                    nonceRequired(client));
        } catch (DPoPProofRejected e) {
            OAuthException error = new OAuthException(400, e.error(), e.getMessage());
            if (e.wantsNonce()) {
                error.withHeader(DPoPProofs.NONCE_HEADER, dpop.currentNonce());
            }
            throw error;
        }
    }
}
