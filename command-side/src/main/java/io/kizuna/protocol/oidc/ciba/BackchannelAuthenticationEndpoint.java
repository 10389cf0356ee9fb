package io.kizuna.protocol.oidc.ciba;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.client.BackchannelClients;
import io.kizuna.client.BackchannelSettings;
import io.kizuna.client.RegisteredClient;
import io.kizuna.grant.Grant;
import io.kizuna.policy.AuthenticationPolicy;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.authorization.RequestObjects;
import io.kizuna.protocol.oauth2.client.ClientAuthenticator;
import io.kizuna.protocol.oauth2.error.OAuthErrors;
import io.kizuna.protocol.oauth2.error.OAuthException;
import io.kizuna.protocol.oauth2.token.Scopes;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backchannel authentication endpoint (OpenID Connect CIBA Core 1.0 §7). A confidential client,
 * authenticated as at the token endpoint (§7.1), asks for the member named by exactly one hint to be
 * authenticated on their own device; the answer (§7.3) is an {@code auth_req_id} for the token endpoint,
 * its lifetime and the polling interval. Parameters may come in a signed request object ({@code request},
 * §7.1.1), which then must carry {@code aud}, {@code iss}, {@code exp}, {@code iat}, {@code nbf} and
 * {@code jti}. Errors are §13's, each with {@code error_description}.
 *
 * <p>{@code user_code} is not supported ({@code backchannel_user_code_parameter_supported} is false);
 * {@code binding_message} is at most {@value #MAX_BINDING_MESSAGE} letters, digits, spaces and common
 * punctuation, shown as is on the member's device.
 */
@RestController
public class BackchannelAuthenticationEndpoint {
    public static final String PATH = "/oauth2/bc-authorize";
    static final int MAX_BINDING_MESSAGE = 64;
    /** Letters (any script, so Japanese too), digits, spaces and a little punctuation; no control characters. */
    static final Pattern BINDING_MESSAGE = Pattern.compile("[\\p{L}\\p{M}\\p{N} .,:;!?#()/+_'\\-\\u3000-\\u303F\\uFF01-\\uFF5E]+");
    static final int MAX_NOTIFICATION_TOKEN = 1024;

    private final ClientAuthenticator authenticator;
    private final BackchannelClients backchannelClients;
    private final LoginHints hints;
    private final RequestObjects requestObjects;
    private final BackchannelAuthentications authentications;
    private final Clock clock;
    private final Duration lifetime;
    private final Duration maxLifetime;
    private final Duration interval;

    public BackchannelAuthenticationEndpoint(ClientAuthenticator authenticator, BackchannelClients backchannelClients,
                                             LoginHints hints, RequestObjects requestObjects,
                                             BackchannelAuthentications authentications, Clock clock,
                                             @Value("${kizuna.ciba.lifetime:PT5M}") Duration lifetime,
                                             @Value("${kizuna.ciba.max-lifetime:PT30M}") Duration maxLifetime,
                                             @Value("${kizuna.ciba.interval:PT5S}") Duration interval) {
        this.authenticator = authenticator;
        this.backchannelClients = backchannelClients;
        this.hints = hints;
        this.requestObjects = requestObjects;
        this.authentications = authentications;
        this.clock = clock;
        this.lifetime = lifetime;
        this.maxLifetime = maxLifetime;
        this.interval = interval;
    }

    @PostMapping(PATH)
    public ResponseEntity<Map<String, Object>> authenticate(HttpServletRequest request) {
        OAuthParameters outer = OAuthParameters.fromForm(request);
        RegisteredClient client = authenticator.authenticate(request, outer);
        if (client.isPublic()) {
            throw new OAuthException(401, OAuthErrors.INVALID_CLIENT,
                    "the backchannel authentication endpoint is for confidential clients that authenticate "
                            + "(CIBA Core 1.0 section 7.1)");
        }
        if (!client.allowsGrant(Grant.CIBA)) {
            throw new OAuthException(400, OAuthErrors.UNAUTHORIZED_CLIENT,
                    "this client is not registered for the grant type " + Grant.CIBA + " (CIBA Core 1.0 section 13)");
        }
        BackchannelSettings settings = backchannelClients.of(client.clientId());
        OAuthParameters parameters = parameters(outer, client, settings);

        List<String> scopes = Scopes.parse(parameters.get("scope"));
        if (!scopes.contains("openid")) {
            throw OAuthException.invalidRequest("scope must contain openid (CIBA Core 1.0 section 7.1)");
        }
        if (!client.scopes().containsAll(scopes)) {
            throw new OAuthException(400, OAuthErrors.INVALID_SCOPE, "a requested scope is not allowed for this client");
        }
        if (parameters.has("user_code")) {
            throw OAuthException.invalidRequest("user_code is not supported by this server "
                    + "(backchannel_user_code_parameter_supported is false)");
        }
        String bindingMessage = bindingMessage(parameters.get("binding_message"));
        String deliveryMode = settings.deliveryModeOrDefault();
        String notificationToken = parameters.get("client_notification_token");
        if ("ping".equals(deliveryMode)) {
            if (notificationToken == null || notificationToken.isBlank()) {
                throw OAuthException.invalidRequest(
                        "client_notification_token is required in ping mode (CIBA Core 1.0 section 7.1)");
            }
            if (notificationToken.length() > MAX_NOTIFICATION_TOKEN) {
                throw OAuthException.invalidRequest("client_notification_token is longer than "
                        + MAX_NOTIFICATION_TOKEN + " characters");
            }
        }
        Duration expiresIn = expiresIn(parameters.get("requested_expiry"));
        List<String> acrValues = Scopes.parse(parameters.get("acr_values")).stream()
                .filter(value -> value.equals(AuthenticationPolicy.LOA2) || value.equals(AuthenticationPolicy.LOA3))
                .toList();
        String memberId = hints.memberOf(parameters);

        int intervalSeconds = (int) Math.max(1, interval.toSeconds());
        Instant expiresAt = clock.instant().plus(expiresIn);
        String authReqId = authentications.start(client, memberId, scopes, acrValues, deliveryMode, bindingMessage,
                notificationToken, intervalSeconds, expiresAt);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auth_req_id", authReqId);
        body.put("expires_in", expiresIn.toSeconds());
        body.put("interval", intervalSeconds);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
    }

    /**
     * §7.1.1: a signed request's parameters replace the form's (only client authentication stays outside);
     * a client registered with {@code backchannel_authentication_request_signing_alg} must sign, with that alg.
     * A FAPI client (any {@code client_profile} but none) must always sign, with one of its profile's
     * algorithms: FAPI-CIBA §5.2.2 ("shall only accept signed authentication requests"), FAPI 1.0 Advanced §8.6.
     */
    private OAuthParameters parameters(OAuthParameters outer, RegisteredClient client, BackchannelSettings settings) {
        boolean fapi = client.profile().fapi();
        if (!outer.has("request")) {
            if (settings.requestSigningAlg() != null) {
                throw OAuthException.invalidRequest("this client registered backchannel_authentication_request_"
                        + "signing_alg, so its requests must be signed request objects (CIBA Core 1.0 section 7.1.1)");
            }
            if (fapi) {
                throw OAuthException.invalidRequest("a " + client.profile().value() + " client's backchannel "
                        + "authentication requests must be signed request objects (FAPI-CIBA section 5.2.2, "
                        + "CIBA Core 1.0 section 7.1.1)");
            }
            return outer;
        }
        String value = outer.get("request");
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(value);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | ClassCastException e) {
            throw OAuthException.invalidRequest("request is not a signed JWT (CIBA Core 1.0 section 7.1.1)");
        }
        String alg = jwt.getHeader().getAlgorithm().getName();
        if (fapi && !client.profile().signingAlgorithms().contains(alg)) {
            throw OAuthException.invalidRequest("a " + client.profile().value() + " client's request object must be "
                    + "signed with one of " + new java.util.TreeSet<>(client.profile().signingAlgorithms())
                    + " (FAPI 1.0 Advanced section 8.6, FAPI-CIBA section 5.2.2)");
        }
        if (!BackchannelSettings.SIGNING_ALGS.contains(alg)
                || (settings.requestSigningAlg() != null && !settings.requestSigningAlg().equals(alg))) {
            throw OAuthException.invalidRequest("the request object must be signed with "
                    + (settings.requestSigningAlg() != null ? settings.requestSigningAlg()
                    : "one of " + BackchannelSettings.SIGNING_ALGS) + " (CIBA Core 1.0 section 7.1.1)");
        }
        for (String claim : List.of("aud", "iss", "exp", "iat", "nbf", "jti")) {
            if (claims.getClaim(claim) == null) {
                throw OAuthException.invalidRequest("the signed authentication request must contain " + claim
                        + " (CIBA Core 1.0 section 7.1.1)");
            }
        }
        if (claims.getExpirationTime().toInstant().isAfter(claims.getIssueTime().toInstant().plus(Duration.ofHours(1)))) {
            throw OAuthException.invalidRequest("the signed authentication request lives longer than an hour");
        }
        try {
            // §7.1.1 asks for a signed request; request_object_encryption_alg is about authorization requests
            return requestObjects.fromRequestObject(value, client, false);
        } catch (OAuthException e) {
            // CIBA §13 has no invalid_request_object: a bad request object is a malformed request
            throw OAuthException.invalidRequest(e.description());
        }
    }

    /** §7.1: "relatively short"; §13 {@code invalid_binding_message} otherwise. */
    static String bindingMessage(String value) {
        if (value == null) {
            return null;
        }
        String message = value.strip();
        if (message.isEmpty() || message.codePointCount(0, message.length()) > MAX_BINDING_MESSAGE
                || !BINDING_MESSAGE.matcher(message).matches()) {
            throw new OAuthException(400, "invalid_binding_message", "binding_message must be 1 to "
                    + MAX_BINDING_MESSAGE + " letters, digits, spaces or common punctuation (CIBA Core 1.0 section 13)");
        }
        return message;
    }

    /** §7.1 {@code requested_expiry}: a positive integer of seconds; granted up to the configured maximum. */
    private Duration expiresIn(String requested) {
        if (requested == null) {
            return lifetime;
        }
        long seconds;
        try {
            seconds = Long.parseLong(requested.strip());
        } catch (NumberFormatException e) {
            throw OAuthException.invalidRequest("requested_expiry must be a positive integer of seconds");
        }
        if (seconds < 1) {
            throw OAuthException.invalidRequest("requested_expiry must be a positive integer of seconds");
        }
        return Duration.ofSeconds(Math.min(seconds, maxLifetime.toSeconds()));
    }
}
