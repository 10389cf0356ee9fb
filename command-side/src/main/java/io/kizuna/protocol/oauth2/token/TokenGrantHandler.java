package io.kizuna.protocol.oauth2.token;

import io.kizuna.client.RegisteredClient;
import io.kizuna.grant.TokenSet;
import io.kizuna.protocol.oauth2.OAuthParameters;

/** One {@code grant_type} at the token endpoint, given an authenticated client. */
public interface TokenGrantHandler {

    String grantType();

    TokenSet handle(RegisteredClient client, OAuthParameters parameters);
}
