package io.kizuna.client;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.client.ClientType;
import io.kizuna.api.client.RegisterClientCommand;
import io.kizuna.crypto.TokenHashes;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

/** Registers clients: generates the id and the secret, stores only the secret's keyed hash. */
@Service
public class ClientRegistrations {
    private final CommandGateway commands;
    private final ClientSecrets secrets;
    private final ClientRegistry registry;

    public ClientRegistrations(CommandGateway commands, ClientSecrets secrets, ClientRegistry registry) {
        this.commands = commands;
        this.secrets = secrets;
        this.registry = registry;
    }

    /**
     * @param clientId a chosen id (demo data, admin API) or null to generate one
     * @param secret   a chosen secret (demo data only) or null to generate one for confidential clients
     */
    public Registered register(String clientId, String secret, String name, ClientType type, String authMethod,
                               List<String> redirectUris, List<String> grantTypes, List<String> scopes,
                               String siteUri, String accessTokenFormat) {
        String id = clientId == null ? TokenHashes.randomValue(16) : clientId;
        if (!id.matches("[A-Za-z0-9._~-]{1,128}")) {
            throw new LedgerRejection("invalid_client_metadata", "client_id must be 1–128 unreserved characters");
        }
        if (registry.exists(id)) {
            throw new LedgerRejection("invalid_client_metadata", "client_id is already registered");
        }
        String method = authMethod == null ? (type == ClientType.PUBLIC ? "none" : "client_secret_basic") : authMethod;
        String plainSecret = type == ClientType.PUBLIC ? null : (secret == null ? secrets.generate() : secret);
        commands.sendAndWait(new RegisterClientCommand(new ClientId(id), name, type,
                plainSecret == null ? null : secrets.hash(plainSecret), method, redirectUris, grantTypes, scopes,
                siteUri, accessTokenFormat));
        return new Registered(id, plainSecret);
    }

    public record Registered(String clientId, String clientSecret) {
    }
}
