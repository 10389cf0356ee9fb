package io.kizuna.protocol.oidc.ciba;

import io.kizuna.admin.AdminToken;
import io.kizuna.client.BackchannelClients;
import io.kizuna.client.BackchannelSettings;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.RegisteredClient;
import io.kizuna.protocol.oauth2.error.OAuthException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for a client's CIBA metadata (CIBA Core 1.0 §4), beside {@code /admin/api/clients}: the body
 * replaces the settings ({@code backchannel_token_delivery_mode}, {@code backchannel_client_notification_endpoint},
 * {@code backchannel_authentication_request_signing_alg}, {@code backchannel_user_code_parameter}); 200 with
 * the effective ones. Protected by the operator's admin token.
 */
@RestController
public class BackchannelAdminApi {
    private final AdminToken adminToken;
    private final ClientRegistry registry;
    private final BackchannelClients backchannel;

    public BackchannelAdminApi(AdminToken adminToken, ClientRegistry registry, BackchannelClients backchannel) {
        this.adminToken = adminToken;
        this.registry = registry;
        this.backchannel = backchannel;
    }

    @PutMapping(path = "/admin/api/clients/{clientId}/backchannel-settings", consumes = "application/json")
    public ResponseEntity<Map<String, Object>> change(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String clientId,
            @RequestBody(required = false) com.fasterxml.jackson.databind.JsonNode metadata) {
        adminToken.require(authorization);
        RegisteredClient client = registry.find(clientId)
                .orElseThrow(() -> new OAuthException(404, "invalid_request", "no such client"));
        if (metadata == null || !metadata.isObject()) {
            throw new OAuthException(400, "invalid_client_metadata", "the body must be a JSON object");
        }
        BackchannelSettings settings = BackchannelClients.fromJson(metadata);
        backchannel.change(clientId, client.grantTypes(), settings);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", clientId);
        backchannel.describe(clientId, body);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
