package io.kizuna.api.grant;

/** Everything that happens in one grant's life. */
public sealed interface GrantEvent permits AuthorizationCodeIssued, AuthorizationCodeRedeemed,
        AuthorizationCodeReplayDetected, AccessTokenIssued, RefreshTokenIssued, RefreshTokenRotated,
        RefreshTokenReuseDetected, GrantRevoked, AccessTokenRevoked, DeviceAuthorizationIssued,
        DeviceAuthorizationApproved, DeviceAuthorizationDenied, DeviceCodeRedeemed, IdTokenIssued,
        // OpenID Connect CIBA Core 1.0
        BackchannelAuthenticationRequested, BackchannelAuthenticationApproved, BackchannelAuthenticationDenied,
        BackchannelAuthenticationRedeemed,
        // OIDC Core §5.5: member claims approved one by one
        ClaimsApproved {
    GrantId grantId();
}
