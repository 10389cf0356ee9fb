package io.kizuna.protocol.oauth2.authorization;

import io.kizuna.client.ClientProfile;
import java.time.Duration;

/** Opens {@link AuthorizationDecisions}' package-private rules to tests in other packages. */
public final class AuthorizationDecisionsAccess {
    private AuthorizationDecisionsAccess() {
    }

    public static Duration codeLifetime(Duration configured, ClientProfile profile) {
        return AuthorizationDecisions.codeLifetime(configured, profile);
    }
}
