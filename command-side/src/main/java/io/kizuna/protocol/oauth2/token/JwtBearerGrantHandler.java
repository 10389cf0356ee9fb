package io.kizuna.protocol.oauth2.token;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.IssueJwtBearerTokenCommand;
import io.kizuna.api.member.MemberId;
import io.kizuna.client.RegisteredClient;
import io.kizuna.consent.ConsentLookup;
import io.kizuna.grant.Grant;
import io.kizuna.grant.TokenSet;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.client.ClientAssertionVerifier;
import io.kizuna.protocol.oauth2.error.OAuthErrors;
import io.kizuna.protocol.oauth2.error.OAuthException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * RFC 7523 §2.1: the JWT bearer authorization grant, for clients that registered keys
 * ({@code private_key_jwt} with {@code jwks}). The client signs the assertion itself ({@code iss} = its
 * client_id); its {@code sub} is the client itself, or a member id — then only for scopes the member
 * already consented to for this client, together with {@code offline_access} (the member is not
 * there), so an assertion can never widen what the member allowed.
 * Scopes default to the client's registered scopes without {@code openid} and {@code offline_access}
 * (no ID token, no refresh token). Assertion errors are {@code invalid_grant} (§3.1).
 */
@Component
public class JwtBearerGrantHandler implements TokenGrantHandler {
    private final ClientAssertionVerifier assertions;
    private final ConsentLookup consents;
    private final LedgerCommands commands;

    public JwtBearerGrantHandler(ClientAssertionVerifier assertions, ConsentLookup consents, LedgerCommands commands) {
        this.assertions = assertions;
        this.consents = consents;
        this.commands = commands;
    }

    @Override
    public String grantType() {
        return Grant.JWT_BEARER;
    }

    @Override
    public TokenSet handle(RegisteredClient client, OAuthParameters parameters) {
        String subject = assertions.verifyGrant(parameters.require("assertion"), client);
        List<String> requested = Scopes.parse(parameters.get("scope"));
        List<String> scopes = requested.isEmpty()
                ? client.scopes().stream().filter(s -> !s.equals("openid") && !s.equals("offline_access")).toList()
                : requested;
        if (!client.scopes().containsAll(scopes) || scopes.contains("openid") || scopes.contains("offline_access")) {
            throw new OAuthException(400, OAuthErrors.INVALID_SCOPE, "a requested scope is not allowed for this client");
        }
        MemberId member = null;
        if (!subject.equals(client.clientId())) {
            // acting for a member who is not present is what offline_access was consented to for
            if (!consents.covers(subject, client.clientId(), concat(scopes, "offline_access"))) {
                throw OAuthException.invalidGrant("the subject has not consented to these scopes, with offline_access, "
                        + "for this client");
            }
            member = new MemberId(subject);
        }
        return commands.send(new IssueJwtBearerTokenCommand(GrantId.generate(), new ClientId(client.clientId()),
                member, scopes, client.accessTokenFormat()));
    }

    private static List<String> concat(List<String> scopes, String scope) {
        return java.util.stream.Stream.concat(scopes.stream(), java.util.stream.Stream.of(scope)).toList();
    }
}
