package io.kizuna.client;

import io.kizuna.api.client.ChangeClientBackchannelSettingsCommand;
import io.kizuna.api.client.ClientBackchannelSettingsChanged;
import io.kizuna.api.client.ClientId;
import io.kizuna.config.CommandSideConfiguration;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clients' CIBA metadata (CIBA Core 1.0 §4), written in the changing transaction, and the one place
 * that reads and writes it for the registration endpoint, the admin API and the CIBA endpoints.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class BackchannelClients {
    private final JdbcTemplate jdbc;
    private final CommandGateway commands;

    public BackchannelClients(JdbcTemplate jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    @EventHandler
    void on(ClientBackchannelSettingsChanged e) {
        jdbc.update("""
                INSERT INTO client_backchannel (client_id, delivery_mode, notification_endpoint, request_signing_alg,
                                                user_code_parameter)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (client_id) DO UPDATE SET delivery_mode = EXCLUDED.delivery_mode,
                    notification_endpoint = EXCLUDED.notification_endpoint,
                    request_signing_alg = EXCLUDED.request_signing_alg,
                    user_code_parameter = EXCLUDED.user_code_parameter""",
                e.clientId().value(), e.deliveryMode(), e.notificationEndpoint(), e.requestSigningAlg(),
                e.userCodeParameter());
    }

    public BackchannelSettings of(String clientId) {
        return jdbc.query("SELECT * FROM client_backchannel WHERE client_id = ?",
                rs -> rs.next() ? new BackchannelSettings(rs.getString("delivery_mode"),
                        rs.getString("notification_endpoint"), rs.getString("request_signing_alg"),
                        rs.getBoolean("user_code_parameter")) : BackchannelSettings.NONE, clientId);
    }

    /**
     * Records new settings when they differ from the current ones. A client registered for the CIBA grant
     * must name its delivery mode (CIBA §4: REQUIRED); settings without the grant are refused as meaningless.
     */
    @Transactional
    public void change(String clientId, java.util.List<String> grantTypes, BackchannelSettings settings) {
        BackchannelSettings wanted = settings == null ? BackchannelSettings.NONE : settings;
        boolean ciba = grantTypes != null && grantTypes.contains(io.kizuna.grant.Grant.CIBA);
        io.kizuna.ledger.Rules.require(!ciba || wanted.deliveryMode() != null, "invalid_client_metadata",
                "backchannel_token_delivery_mode is required with the CIBA grant type (CIBA Core 1.0 §4)");
        io.kizuna.ledger.Rules.require(ciba || wanted.isNone(), "invalid_client_metadata",
                "backchannel metadata needs grant_types " + io.kizuna.grant.Grant.CIBA + " (CIBA Core 1.0 §4)");
        if (!wanted.equals(of(clientId))) {
            commands.sendAndWait(new ChangeClientBackchannelSettingsCommand(new ClientId(clientId),
                    wanted.deliveryMode(), wanted.notificationEndpoint(), wanted.requestSigningAlg(),
                    wanted.userCodeParameter()));
        }
    }

    /** Adds the client's CIBA metadata, in client-metadata names, to a registration response. */
    public void describe(String clientId, Map<String, Object> body) {
        BackchannelSettings settings = of(clientId);
        if (settings.isNone()) {
            return;
        }
        body.put("backchannel_token_delivery_mode", settings.deliveryModeOrDefault());
        if (settings.notificationEndpoint() != null) {
            body.put("backchannel_client_notification_endpoint", settings.notificationEndpoint());
        }
        if (settings.requestSigningAlg() != null) {
            body.put("backchannel_authentication_request_signing_alg", settings.requestSigningAlg());
        }
        body.put("backchannel_user_code_parameter", settings.userCodeParameter());
    }

    /** The metadata members of a JSON registration request (RFC 7591 §2 names, CIBA §4). */
    public static BackchannelSettings fromJson(com.fasterxml.jackson.databind.JsonNode node) {
        com.fasterxml.jackson.databind.JsonNode userCode = node.get("backchannel_user_code_parameter");
        if (userCode != null && !userCode.isNull() && !userCode.isBoolean()) {
            throw new io.kizuna.api.LedgerRejection("invalid_client_metadata",
                    "backchannel_user_code_parameter must be a boolean");
        }
        return new BackchannelSettings(text(node, "backchannel_token_delivery_mode"),
                text(node, "backchannel_client_notification_endpoint"),
                text(node, "backchannel_authentication_request_signing_alg"),
                userCode != null && userCode.asBoolean(false));
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode node, String name) {
        com.fasterxml.jackson.databind.JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > 2048) {
            throw new io.kizuna.api.LedgerRejection("invalid_client_metadata",
                    name + " must be a string of at most 2048 characters");
        }
        return value.asText();
    }

    public Optional<String> notificationEndpoint(String clientId) {
        return Optional.ofNullable(of(clientId).notificationEndpoint());
    }
}
