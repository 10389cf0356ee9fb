package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Exchanges the grant's current refresh token for a new pair (RFC 6749 §6, rotation per RFC 9700
 * §4.14.2). Presenting an already rotated refresh token revokes the whole grant.
 * {@code scopes} empty means "as originally granted"; {@code accessTokenFormat} is the client's.
 * {@code dpopJkt}: the thumbprint of the key of the request's verified DPoP proof (RFC 9449 §5), null
 * without one; a refresh token bound to a key is refused with any other. {@code x5tS256}: the
 * {@code x5t#S256} of the request's TLS client certificate, null without one; a refresh token bound to a
 * certificate (RFC 8705 §4) is refused with any other. {@code rotate} false (FAPI 2.0 clients, FAPI 2.0
 * Security Profile §5.3.2.1 item 9): the refresh token stays as it is and no new one is issued — only an
 * access token.
 */
public record RotateRefreshTokenCommand(@TargetAggregateIdentifier GrantId grantId,
                                        ClientId clientId,
                                        String presentedTokenHash,
                                        List<String> scopes,
                                        String accessTokenFormat,
                                        String dpopJkt,
                                        String x5tS256,
                                        boolean rotate) {

    public RotateRefreshTokenCommand(GrantId grantId, ClientId clientId, String presentedTokenHash,
                                     List<String> scopes, String accessTokenFormat, String dpopJkt,
                                     String x5tS256) {
        this(grantId, clientId, presentedTokenHash, scopes, accessTokenFormat, dpopJkt, x5tS256, true);
    }

    public RotateRefreshTokenCommand(GrantId grantId, ClientId clientId, String presentedTokenHash,
                                     List<String> scopes, String accessTokenFormat) {
        this(grantId, clientId, presentedTokenHash, scopes, accessTokenFormat, null);
    }

    public RotateRefreshTokenCommand(GrantId grantId, ClientId clientId, String presentedTokenHash,
                                     List<String> scopes, String accessTokenFormat, String dpopJkt) {
        this(grantId, clientId, presentedTokenHash, scopes, accessTokenFormat, dpopJkt, null, true);
    }
}
