package io.kizuna.protocol.oidc.ciba;

import io.kizuna.client.BackchannelSettings;
import io.kizuna.grant.Grant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The OpenID Provider metadata of CIBA Core 1.0 §4, added to the discovery document. */
public final class BackchannelDiscovery {

    private BackchannelDiscovery() {
    }

    public static void describe(Map<String, Object> metadata, String issuer) {
        metadata.put("backchannel_authentication_endpoint", issuer + BackchannelAuthenticationEndpoint.PATH);
        metadata.put("backchannel_token_delivery_modes_supported", BackchannelSettings.DELIVERY_MODES);
        metadata.put("backchannel_authentication_request_signing_alg_values_supported",
                BackchannelSettings.SIGNING_ALGS);
        metadata.put("backchannel_user_code_parameter_supported", false);
        // RFC 8705 §5: a client authenticating with its certificate reaches this endpoint on the mTLS host too
        if (metadata.get("mtls_endpoint_aliases") instanceof Map<?, ?> aliases
                && aliases.get("token_endpoint") instanceof String token
                && token.endsWith(io.kizuna.protocol.oauth2.token.TokenEndpoint.PATH)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> writable = (Map<String, Object>) aliases;
            writable.put("backchannel_authentication_endpoint", token.substring(0,
                    token.length() - io.kizuna.protocol.oauth2.token.TokenEndpoint.PATH.length())
                    + BackchannelAuthenticationEndpoint.PATH);
        }
        Object grantTypes = metadata.get("grant_types_supported");
        if (grantTypes instanceof List<?> list && !list.contains(Grant.CIBA)) {
            List<Object> extended = new ArrayList<>(list);
            extended.add(Grant.CIBA);
            metadata.put("grant_types_supported", List.copyOf(extended));
        }
    }
}
