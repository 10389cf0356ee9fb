package io.kizuna.protocol.oauth2.token;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.RotateRefreshTokenCommand;
import io.kizuna.client.RegisteredClient;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.grant.GrantLookup;
import io.kizuna.grant.TokenSet;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.dpop.DPoPBinding;
import io.kizuna.protocol.oauth2.error.OAuthException;
import org.springframework.stereotype.Component;

/**
 * RFC 6749 §6: a refresh token buys a new access token and a new refresh token (rotation). The key of the
 * request's DPoP proof goes along, since a public client's refresh token only works with the key it was
 * bound to (RFC 9449 §5); likewise the thumbprint of the request's TLS client certificate (RFC 8705 §4).
 */
@Component
public class RefreshTokenGrantHandler implements TokenGrantHandler {
    private final GrantLookup lookup;
    private final LedgerCommands commands;

    public RefreshTokenGrantHandler(GrantLookup lookup, LedgerCommands commands) {
        this.lookup = lookup;
        this.commands = commands;
    }

    @Override
    public String grantType() {
        return "refresh_token";
    }

    @Override
    public TokenSet handle(RegisteredClient client, OAuthParameters parameters) {
        String hash = TokenHashes.sha256(parameters.require("refresh_token"));
        String grantId = lookup.grantOf("refresh", hash)
                .orElseThrow(() -> OAuthException.invalidGrant("unknown refresh token"));
        return commands.send(new RotateRefreshTokenCommand(new GrantId(grantId), new ClientId(client.clientId()),
                hash, Scopes.parse(parameters.get("scope")), client.accessTokenFormat(),
                DPoPBinding.accessTokenJkt(), io.kizuna.protocol.oauth2.mtls.CertificateBinding.presented(),
                !withoutRotation(client)));
    }

    /** FAPI 2.0 Security Profile §5.3.2.1 item 9: no refresh token rotation for FAPI 2.0 clients. */
    static boolean withoutRotation(RegisteredClient client) {
        return client.profile() == io.kizuna.client.ClientProfile.FAPI2_SECURITY
                || client.profile() == io.kizuna.client.ClientProfile.FAPI2_MESSAGE_SIGNING;
    }
}
