package io.kizuna.protocol.oauth2.token;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.RedeemAuthorizationCodeCommand;
import io.kizuna.client.RegisteredClient;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.grant.GrantLookup;
import io.kizuna.grant.TokenSet;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.error.OAuthException;
import org.springframework.stereotype.Component;

/** RFC 6749 §4.1.3: exchange an authorization code (with its PKCE verifier, RFC 7636 §4.5) for tokens. */
@Component
public class AuthorizationCodeGrantHandler implements TokenGrantHandler {
    private final GrantLookup lookup;
    private final LedgerCommands commands;

    public AuthorizationCodeGrantHandler(GrantLookup lookup, LedgerCommands commands) {
        this.lookup = lookup;
        this.commands = commands;
    }

    @Override
    public String grantType() {
        return "authorization_code";
    }

    @Override
    public TokenSet handle(RegisteredClient client, OAuthParameters parameters) {
        String codeHash = TokenHashes.sha256(parameters.require("code"));
        String grantId = lookup.grantOf("code", codeHash)
                .orElseThrow(() -> OAuthException.invalidGrant("unknown authorization code"));
        return commands.send(new RedeemAuthorizationCodeCommand(new GrantId(grantId), new ClientId(client.clientId()),
                codeHash, parameters.get("redirect_uri"), parameters.get("code_verifier"),
                client.allowsGrant("refresh_token"), client.accessTokenFormat(),
                io.kizuna.protocol.oauth2.dpop.DPoPBinding.accessTokenJkt()));
    }
}
