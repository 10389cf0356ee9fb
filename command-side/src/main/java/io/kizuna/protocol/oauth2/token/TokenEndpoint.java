package io.kizuna.protocol.oauth2.token;

import io.kizuna.client.RegisteredClient;
import io.kizuna.grant.TokenSet;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.client.ClientAuthenticator;
import io.kizuna.protocol.oauth2.error.OAuthErrors;
import io.kizuna.protocol.oauth2.error.OAuthException;
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
 */
@RestController
public class TokenEndpoint {
    public static final String PATH = "/oauth2/token";

    private final ClientAuthenticator authenticator;
    private final Map<String, TokenGrantHandler> handlers;
    private final Clock clock;
    private final io.kizuna.protocol.oauth2.resource.ResourceServers resourceServers;

    public TokenEndpoint(ClientAuthenticator authenticator, List<TokenGrantHandler> handlers, Clock clock,
                         io.kizuna.protocol.oauth2.resource.ResourceServers resourceServers) {
        this.authenticator = authenticator;
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
        TokenSet tokens = io.kizuna.protocol.oauth2.resource.ResourceIndicators.during(resources,
                () -> handler.handle(client, parameters));
        if (!tokens.accepted()) {
            throw new OAuthException(400, tokens.outcome().error(), tokens.outcome().description());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.accessToken());
        if (io.kizuna.grant.Grant.TOKEN_EXCHANGE.equals(grantType)) {
            // RFC 8693 §2.2.1: REQUIRED in a token exchange response
            body.put("issued_token_type", TokenExchangeGrantHandler.ACCESS_TOKEN_TYPE);
        }
        body.put("token_type", "Bearer");
        body.put("expires_in", Math.max(0, Duration.between(clock.instant(), tokens.accessTokenExpiresAt()).toSeconds()));
        if (tokens.refreshToken() != null) {
            body.put("refresh_token", tokens.refreshToken());
        }
        if (tokens.idToken() != null) {
            body.put("id_token", tokens.idToken());
        }
        body.put("scope", String.join(" ", tokens.scopes()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
    }
}
