package io.kizuna.api.client;

/** Everything that happens to an OAuth client registration. */
public sealed interface ClientEvent
        permits ClientRegistered, ClientUpdated, ClientDeleted, RegistrationAccessTokenIssued,
        ClientSecretRotated, ClientTokenSettingsChanged, ClientMtlsSettingsChanged, ClientProfileChanged,
        ClientLogoutSettingsChanged, ClientResponseProtectionChanged, ClientBackchannelSettingsChanged,
        ClientRequestObjectSettingsChanged, ClientAuthorizationResponseChanged,
        ClientPresentationChanged {
    ClientId clientId();
}
