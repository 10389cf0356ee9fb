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
        Object grantTypes = metadata.get("grant_types_supported");
        if (grantTypes instanceof List<?> list && !list.contains(Grant.CIBA)) {
            List<Object> extended = new ArrayList<>(list);
            extended.add(Grant.CIBA);
            metadata.put("grant_types_supported", List.copyOf(extended));
        }
    }
}
