package io.kizuna.protocol.oauth2.token;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.ExchangeTokenCommand;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.token.FindTokenQuery;
import io.kizuna.api.token.TokenView;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.KizunaProperties;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.grant.Grant;
import io.kizuna.grant.TokenSet;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.error.OAuthErrors;
import io.kizuna.protocol.oauth2.error.OAuthException;
import java.time.Clock;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * RFC 8693 token exchange, impersonation semantics only (§1.1): a confidential client registered for the
 * grant (typically a resource server calling another service) presents an access token issued here and
 * gets a new access token for the same subject with the same or fewer scopes (§2.1 {@code scope}), and
 * never more than it is registered for. No {@code actor_token} (delegation), no refresh token, and the
 * only {@code audience}/{@code resource} honoured is this server's own (every access token's {@code aud}
 * is the issuer today); anything else is {@code invalid_target} (§2.2.2). The new token lives on the
 * subject token's grant, so revoking that grant revokes it as well.
 */
@Component
public class TokenExchangeGrantHandler implements TokenGrantHandler {
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    private final QueryGateway queries;
    private final LedgerCommands commands;
    private final KizunaProperties properties;
    private final Clock clock;

    public TokenExchangeGrantHandler(QueryGateway queries, LedgerCommands commands, KizunaProperties properties,
                                     Clock clock) {
        this.queries = queries;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return Grant.TOKEN_EXCHANGE;
    }

    @Override
    public TokenSet handle(RegisteredClient client, OAuthParameters parameters) {
        if (client.isPublic()) {
            throw new OAuthException(400, OAuthErrors.UNAUTHORIZED_CLIENT,
                    "token exchange requires client authentication (RFC 8693 §5)");
        }
        String subjectToken = parameters.require("subject_token");
        if (!ACCESS_TOKEN_TYPE.equals(parameters.require("subject_token_type"))) {
            throw OAuthException.invalidRequest("only access tokens issued here can be exchanged "
                    + "(subject_token_type " + ACCESS_TOKEN_TYPE + ")");
        }
        if (parameters.has("actor_token") || parameters.has("actor_token_type")) {
            throw OAuthException.invalidRequest("delegation with actor_token is not supported (RFC 8693 §1.1)");
        }
        if (parameters.has("requested_token_type") && !ACCESS_TOKEN_TYPE.equals(parameters.get("requested_token_type"))) {
            throw OAuthException.invalidRequest("only access tokens can be requested (RFC 8693 §2.1)");
        }
        // resource (RFC 8707) is checked for every grant by the token endpoint (ResourceIndicators)
        if (parameters.has("audience") && !properties.issuer().equals(parameters.get("audience"))) {
            throw new OAuthException(400, "invalid_target",
                    "no token can be issued for that audience (RFC 8693 §2.2.2)");
        }
        String subjectHash = TokenHashes.sha256(subjectToken);
        TokenView subject = queries.query(new FindTokenQuery(subjectHash),
                        ResponseTypes.optionalInstanceOf(TokenView.class)).join()
                .filter(view -> "access".equals(view.tokenType()) && view.activeAt(clock.instant()))
                .orElseThrow(() -> OAuthException.invalidRequest(
                        "the subject_token is not an active access token (RFC 8693 §2.2.2)"));
        List<String> requested = Scopes.parse(parameters.get("scope"));
        List<String> scopes = requested.isEmpty()
                ? subject.scopes().stream().filter(client.scopes()::contains).toList() : requested;
        if (scopes.isEmpty() || !client.scopes().containsAll(scopes) || !subject.scopes().containsAll(scopes)) {
            throw new OAuthException(400, OAuthErrors.INVALID_SCOPE,
                    "the scope must be within both the subject token's and this client's scopes (RFC 8693 §2.1)");
        }
        return commands.send(new ExchangeTokenCommand(new GrantId(subject.grantId()),
                new ClientId(client.clientId()), subjectHash, scopes, client.accessTokenFormat()));
    }
}
