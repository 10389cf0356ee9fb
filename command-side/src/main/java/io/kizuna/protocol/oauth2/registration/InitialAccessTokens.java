package io.kizuna.protocol.oauth2.registration;

import io.kizuna.crypto.TokenHashes;
import io.kizuna.protocol.oauth2.error.OAuthException;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The initial access tokens that open dynamic client registration (RFC 7591 §3, §1.2), configured as
 * {@code kizuna.registration.initial-access-tokens}: each entry is the SHA-256 (base64url, no padding)
 * of a token, so the configuration never holds a usable credential. With none configured, registration
 * is closed: every request is refused as carrying an invalid token (RFC 6750 §3.1).
 */
@Component
public class InitialAccessTokens {
    static final String PROPERTY = "kizuna.registration.initial-access-tokens";

    private final List<String> hashes;

    public InitialAccessTokens(Environment environment) {
        this.hashes = Binder.get(environment).bind(PROPERTY, Bindable.listOf(String.class)).orElse(List.of())
                .stream().map(String::strip).filter(hash -> !hash.isEmpty()).toList();
    }

    /** RFC 7591 §3: the request must carry one of the configured tokens as a bearer token (RFC 6750 §2.1). */
    void require(String authorization) {
        if (hashes.isEmpty()) {
            throw RegistrationErrors.invalidToken("dynamic client registration is closed on this server "
                    + "(no initial access token is configured)");
        }
        String token = Bearer.token(authorization);
        if (token == null) {
            throw new OAuthException(401, "invalid_token", "an initial access token is required (RFC 7591 §3)",
                    "Bearer realm=\"kizuna-registration\"");
        }
        String presented = TokenHashes.sha256(token);
        if (hashes.stream().noneMatch(hash -> TokenHashes.sameHash(presented, hash))) {
            throw RegistrationErrors.invalidToken("the initial access token is not valid");
        }
    }
}
