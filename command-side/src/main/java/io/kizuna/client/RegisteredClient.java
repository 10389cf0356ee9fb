package io.kizuna.client;

import io.kizuna.api.client.ClientType;
import java.util.List;

/** A client as the protocol endpoints need it. */
public record RegisteredClient(String clientId,
                               String name,
                               ClientType type,
                               String secretHash,
                               String authMethod,
                               List<String> redirectUris,
                               List<String> grantTypes,
                               List<String> scopes,
                               String siteUri,
                               String accessTokenFormat,
                               String jwks,
                               TokenSettings tokenSettings,
                               MtlsSettings mtls,
                               ClientProfile profile,
                               LogoutSettings logoutSettings,
                               RequestObjectSettings requestObjectSettings,
                               ClientPresentation presentation) {

    public boolean isPublic() {
        return type == ClientType.PUBLIC;
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }
}
