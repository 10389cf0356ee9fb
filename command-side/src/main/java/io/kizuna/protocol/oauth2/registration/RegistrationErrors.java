package io.kizuna.protocol.oauth2.registration;

import io.kizuna.protocol.oauth2.error.OAuthException;

/** Error codes of RFC 7591 §3.2.2, and the bearer-token refusal of RFC 6750 §3.1 used by both RFCs. */
final class RegistrationErrors {
    static final String INVALID_REDIRECT_URI = "invalid_redirect_uri";
    static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";

    private RegistrationErrors() {
    }

    static OAuthException invalidMetadata(String description) {
        return new OAuthException(400, INVALID_CLIENT_METADATA, description);
    }

    static OAuthException invalidToken(String description) {
        return new OAuthException(401, "invalid_token", description,
                "Bearer realm=\"kizuna-registration\", error=\"invalid_token\"");
    }
}
