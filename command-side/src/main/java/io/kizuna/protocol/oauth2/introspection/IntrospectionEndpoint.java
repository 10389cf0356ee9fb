package io.kizuna.protocol.oauth2.introspection;

import io.kizuna.api.token.FindTokenQuery;
import io.kizuna.api.token.TokenView;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.KizunaProperties;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.client.ClientAuthenticator;
import io.kizuna.protocol.oauth2.error.OAuthException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Token introspection (RFC 7662). Answers from the token-lookup read model, which is written in the
 * same transaction as the issuing event, so a token is introspectable the instant it was returned.
 * Only confidential clients (resource servers) may ask (§2.1); anything unknown, expired or revoked is
 * simply {@code {"active": false}} (§2.2).
 */
@RestController
public class IntrospectionEndpoint {
    public static final String PATH = "/oauth2/introspect";

    private final ClientAuthenticator authenticator;
    private final QueryGateway queries;
    private final KizunaProperties properties;
    private final Clock clock;

    public IntrospectionEndpoint(ClientAuthenticator authenticator, QueryGateway queries,
                                 KizunaProperties properties, Clock clock) {
        this.authenticator = authenticator;
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(PATH)
    public ResponseEntity<Map<String, Object>> introspect(HttpServletRequest request) {
        OAuthParameters parameters = OAuthParameters.fromForm(request);
        RegisteredClient caller = authenticator.authenticate(request, parameters);
        if (caller.isPublic()) {
            throw OAuthException.invalidClient("public clients may not introspect tokens (RFC 7662 §2.1)", false);
        }
        String token = parameters.require("token");
        Optional<TokenView> view = queries.query(new FindTokenQuery(TokenHashes.sha256(token)),
                ResponseTypes.optionalInstanceOf(TokenView.class)).join();
        Map<String, Object> body = new LinkedHashMap<>();
        if (view.isEmpty() || !view.get().activeAt(clock.instant())) {
            body.put("active", false);
        } else {
            TokenView t = view.get();
            body.put("active", true);
            body.put("scope", String.join(" ", t.scopes()));
            body.put("client_id", t.clientId());
            body.put("sub", t.memberId() != null ? t.memberId() : t.clientId());
            body.put("token_type", "access".equals(t.tokenType()) ? "Bearer" : "refresh_token");
            body.put("exp", t.expiresAt().getEpochSecond());
            body.put("iat", t.issuedAt().getEpochSecond());
            body.put("iss", properties.issuer());
            if (t.audience() != null) {
                body.put("aud", t.audience());
            }
            if (t.jti() != null) {
                body.put("jti", t.jti());
            }
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
