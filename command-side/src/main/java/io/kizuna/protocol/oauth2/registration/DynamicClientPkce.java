package io.kizuna.protocol.oauth2.registration;

import io.kizuna.api.client.ClientType;
import io.kizuna.client.ClientProfile;
import io.kizuna.client.TokenSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether a dynamically registered (RFC 7591 §3) client that says nothing about Kizuna's {@code require_pkce}
 * extension must use PKCE: {@code kizuna.registration.dynamic-client-pkce-required}, {@code true} by default.
 *
 * <p>Set to {@code false}, a confidential client registered at {@code /oauth2/register} without a
 * {@code require_pkce} member gets {@code require_pkce: false}, recorded in its
 * {@code client.token_settings.changed} event like an explicit opt-out: RFC 9700 §2.1.1 lets confidential
 * OpenID Connect clients rely on {@code nonce} instead, and OpenID Connect Core 1.0 §3.1.2.1 does not ask for
 * PKCE (the OpenID Foundation's dynamic-registration test plan registers such clients). Public clients always
 * use PKCE (RFC 9700 §2.1.1), FAPI profiles too (FAPI 2.0 Security Profile §5.3.2.2), and an explicit
 * {@code require_pkce} is always honoured.
 */
@Component
public class DynamicClientPkce {
    static final String PROPERTY = "kizuna.registration.dynamic-client-pkce-required";
    private final boolean required;

    public DynamicClientPkce(@Value("${" + PROPERTY + ":true}") boolean required) {
        this.required = required;
    }

    /** The token settings to register: {@code requested} itself, or with {@code require_pkce} false as above. */
    public TokenSettings apply(TokenSettings requested, ClientType type, ClientProfile profile) {
        if (required || requested.requirePkce() != null || type != ClientType.CONFIDENTIAL || profile.fapi()) {
            return requested;
        }
        return requested.withRequirePkce(false);
    }

    public boolean required() {
        return required;
    }
}
