package io.kizuna.protocol.oidc.ciba;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.RedeemBackchannelAuthenticationCommand;
import io.kizuna.client.RegisteredClient;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.grant.BackchannelRequests;
import io.kizuna.grant.Grant;
import io.kizuna.grant.TokenSet;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.error.OAuthException;
import io.kizuna.protocol.oauth2.token.TokenGrantHandler;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The token request of CIBA Core 1.0 §10.1 ({@code grant_type=urn:openid:params:grant-type:ciba},
 * {@code auth_req_id}), in poll and ping mode alike. Pacing is checked here (§11 {@code slow_down}: the
 * interval grows by 5 s for a client that polls too fast), after expiry so that a fast poller still learns
 * that its request is dead; the {@link Grant} decides the rest ({@code authorization_pending},
 * {@code access_denied}, {@code expired_token}, tokens once).
 */
@Component
public class CibaGrantHandler implements TokenGrantHandler {
    private final BackchannelRequests requests;
    private final LedgerCommands commands;
    private final Clock clock;

    public CibaGrantHandler(BackchannelRequests requests, LedgerCommands commands, Clock clock) {
        this.requests = requests;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return Grant.CIBA;
    }

    @Override
    public TokenSet handle(RegisteredClient client, OAuthParameters parameters) {
        String authReqId = parameters.require("auth_req_id");
        String hash = TokenHashes.sha256(authReqId);
        BackchannelRequests.Entry entry = requests.byAuthReqId(hash)
                .filter(e -> e.clientId().equals(client.clientId()))
                .orElseThrow(() -> OAuthException.invalidGrant("unknown auth_req_id (CIBA Core 1.0 section 11)"));
        Instant now = clock.instant();
        if (!now.isBefore(entry.expiresAt()) && !"redeemed".equals(entry.status())) {
            // the lookup's expiry is the one an operator can shorten; the Grant checks its own as well
            throw new OAuthException(400, "expired_token", "the auth_req_id has expired; start a new backchannel "
                    + "authentication request (CIBA Core 1.0 section 11)");
        }
        if (now.isBefore(entry.expiresAt()) && "pending".equals(entry.status()) && requests.pollTooSoon(hash, now)) {
            throw new OAuthException(400, "slow_down", "polling faster than the interval; wait 5 seconds longer "
                    + "between requests (CIBA Core 1.0 section 11)");
        }
        return commands.send(new RedeemBackchannelAuthenticationCommand(new GrantId(entry.grantId()),
                new ClientId(client.clientId()), hash, authReqId, client.allowsGrant("refresh_token"),
                client.accessTokenFormat()));
    }
}
