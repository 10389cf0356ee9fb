package io.kizuna.protocol.oauth2.revocation;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.RevokeAccessTokenCommand;
import io.kizuna.api.grant.RevokeGrantCommand;
import io.kizuna.api.token.FindTokenQuery;
import io.kizuna.api.token.TokenView;
import io.kizuna.client.RegisteredClient;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.client.ClientAuthenticator;
import io.kizuna.protocol.oauth2.error.OAuthErrors;
import io.kizuna.protocol.oauth2.error.OAuthException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Token revocation (RFC 7009 §2). The client authenticates as at the token endpoint (§2.1: confidential
 * clients with their credentials, public clients by {@code client_id}). A refresh token revokes its
 * whole grant; an access token is revoked alone. {@code token_type_hint} is not needed to find a token
 * (both kinds live in one lookup keyed by hash), so it is accepted and, as §2.1 allows, ignored — an
 * unknown hint value included.
 *
 * <p>§2.2: an unknown, expired or already revoked token is answered with 200, because the client's goal
 * (the token no longer works) is met. §2.1: a token issued to another client is refused, not revoked;
 * the error is {@code unauthorized_client}, RFC 6749 §5.2's code for "the authenticated client is not
 * authorized" to do what it asked.
 */
@RestController
public class RevocationEndpoint {
    public static final String PATH = "/oauth2/revoke";
    static final String REASON = "revoked_by_client";

    private final ClientAuthenticator authenticator;
    private final QueryGateway queries;
    private final LedgerCommands commands;
    private final Clock clock;

    public RevocationEndpoint(ClientAuthenticator authenticator, QueryGateway queries, LedgerCommands commands,
                              Clock clock) {
        this.authenticator = authenticator;
        this.queries = queries;
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping(PATH)
    public ResponseEntity<Void> revoke(HttpServletRequest request) {
        OAuthParameters parameters = OAuthParameters.fromForm(request);
        RegisteredClient client = authenticator.authenticate(request, parameters);
        String token = parameters.require("token");
        Optional<TokenView> found = queries.query(new FindTokenQuery(TokenHashes.sha256(token)),
                ResponseTypes.optionalInstanceOf(TokenView.class)).join();
        if (found.isPresent() && found.get().activeAt(clock.instant())) {
            TokenView view = found.get();
            if (!view.clientId().equals(client.clientId())) {
                throw new OAuthException(400, OAuthErrors.UNAUTHORIZED_CLIENT,
                        "the token was not issued to this client (RFC 7009 §2.1)");
            }
            GrantId grant = new GrantId(view.grantId());
            ClientId clientId = new ClientId(client.clientId());
            if ("refresh".equals(view.tokenType())) {
                commands.send(new RevokeGrantCommand(grant, clientId, REASON));
            } else {
                commands.send(new RevokeAccessTokenCommand(grant, clientId, view.tokenHash(), REASON));
            }
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").build();
    }
}
