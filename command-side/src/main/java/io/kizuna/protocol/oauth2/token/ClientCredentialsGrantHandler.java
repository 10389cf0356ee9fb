package io.kizuna.protocol.oauth2.token;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.IssueClientCredentialsTokenCommand;
import io.kizuna.client.RegisteredClient;
import io.kizuna.grant.ClientCredentialsIssuance;
import io.kizuna.grant.TokenSet;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.error.OAuthErrors;
import io.kizuna.protocol.oauth2.error.OAuthException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * RFC 6749 §4.4: a confidential client obtains a token for itself. Scopes default to what the client
 * is registered for (§3.3) and may not exceed it; no refresh token is issued (§4.4.3). The new grant's
 * event is appended by {@link ClientCredentialsIssuance} (one append, no aggregate to load).
 */
@Component
public class ClientCredentialsGrantHandler implements TokenGrantHandler {
    private final ClientCredentialsIssuance issuance;

    public ClientCredentialsGrantHandler(ClientCredentialsIssuance issuance) {
        this.issuance = issuance;
    }

    @Override
    public String grantType() {
        return "client_credentials";
    }

    @Override
    public TokenSet handle(RegisteredClient client, OAuthParameters parameters) {
        if (client.isPublic()) {
            throw new OAuthException(400, OAuthErrors.UNAUTHORIZED_CLIENT,
                    "public clients cannot use client_credentials (RFC 6749 §4.4)");
        }
        List<String> requested = Scopes.parse(parameters.get("scope"));
        List<String> scopes = requested.isEmpty()
                ? client.scopes().stream().filter(s -> !s.equals("openid") && !s.equals("offline_access")).toList()
                : requested;
        if (!client.scopes().containsAll(scopes) || scopes.contains("openid")) {
            throw new OAuthException(400, OAuthErrors.INVALID_SCOPE, "a requested scope is not allowed for this client");
        }
        return issuance.issue(new IssueClientCredentialsTokenCommand(GrantId.generate(),
                new ClientId(client.clientId()), scopes, client.accessTokenFormat()));
    }
}
