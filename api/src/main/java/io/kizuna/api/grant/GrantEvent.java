package io.kizuna.api.grant;

/** Everything that happens in one grant's life. */
public sealed interface GrantEvent permits AuthorizationCodeIssued, AuthorizationCodeRedeemed,
        AuthorizationCodeReplayDetected, AccessTokenIssued, RefreshTokenIssued, RefreshTokenRotated,
        RefreshTokenReuseDetected, GrantRevoked, AccessTokenRevoked, DeviceAuthorizationIssued,
        DeviceAuthorizationApproved, DeviceAuthorizationDenied, DeviceCodeRedeemed, IdTokenIssued,
        // OpenID Connect CIBA Core 1.0
        BackchannelAuthenticationRequested, BackchannelAuthenticationApproved, BackchannelAuthenticationDenied,
        BackchannelAuthenticationRedeemed {
    GrantId grantId();
}
