package io.kizuna.protocol.oauth2.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.client.ClientType;
import io.kizuna.client.ClientProfile;
import io.kizuna.client.TokenSettings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code kizuna.registration.dynamic-client-pkce-required} (RFC 9700 §2.1.1; OIDC Core 1.0 §3.1.2.1). */
class DynamicClientPkceTest {
    static final TokenSettings SILENT = new TokenSettings(null, "RS256", null, null, null, null, null);

    @Test
    @DisplayName("default true: a registration that says nothing about require_pkce keeps PKCE required")
    void defaultKeepsPkceRequired() {
        TokenSettings settings = new DynamicClientPkce(true).apply(SILENT, ClientType.CONFIDENTIAL, ClientProfile.NONE);
        assertThat(settings).isEqualTo(SILENT);
        assertThat(settings.requirePkceOrDefault()).isTrue();
    }

    @Test
    @DisplayName("false: a confidential client that says nothing gets require_pkce false, other settings unchanged (RFC 9700 §2.1.1)")
    void offMakesSilentConfidentialClientOptional() {
        TokenSettings settings = new DynamicClientPkce(false).apply(SILENT, ClientType.CONFIDENTIAL, ClientProfile.NONE);
        assertThat(settings.requirePkce()).isFalse();
        assertThat(settings.idTokenSignedResponseAlg()).isEqualTo("RS256");
    }

    @Test
    @DisplayName("false: public clients (RFC 9700 §2.1.1), FAPI profiles (FAPI 2.0 SP §5.3.2.2) and an explicit require_pkce stay as they are")
    void offLeavesPublicFapiAndExplicitAlone() {
        DynamicClientPkce off = new DynamicClientPkce(false);
        assertThat(off.apply(SILENT, ClientType.PUBLIC, ClientProfile.NONE).requirePkceOrDefault()).isTrue();
        assertThat(off.apply(SILENT, ClientType.CONFIDENTIAL, ClientProfile.FAPI2_SECURITY).requirePkceOrDefault())
                .isTrue();
        TokenSettings explicit = SILENT.withRequirePkce(true);
        assertThat(off.apply(explicit, ClientType.CONFIDENTIAL, ClientProfile.NONE).requirePkce()).isTrue();
    }
}
