package io.kizuna.client;

import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientType;
import io.kizuna.config.CommandSideConfiguration;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Registered clients, written in the registration's transaction; the primary key refuses duplicates. */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class ClientRegistry {
    private final JdbcTemplate jdbc;

    public ClientRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ClientRegistered e) {
        jdbc.update("""
                INSERT INTO oauth_client (client_id, name, client_type, secret_hash, auth_method, redirect_uris,
                                          grant_types, scopes, site_uri, registered_at, access_token_format,
                                          jwks)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                ps -> {
                    ps.setString(1, e.clientId().value());
                    ps.setString(2, e.name());
                    ps.setString(3, e.type().name());
                    ps.setString(4, e.secretHash());
                    ps.setString(5, e.tokenEndpointAuthMethod());
                    ps.setArray(6, ps.getConnection().createArrayOf("text", e.redirectUris().toArray()));
                    ps.setArray(7, ps.getConnection().createArrayOf("text", e.grantTypes().toArray()));
                    ps.setArray(8, ps.getConnection().createArrayOf("text", e.scopes().toArray()));
                    ps.setString(9, e.siteUri());
                    ps.setTimestamp(10, Timestamp.from(e.registeredAt()));
                    ps.setString(11, e.accessTokenFormatOrDefault());
                    ps.setString(12, e.jwks());
                });
    }

    public Optional<RegisteredClient> find(String clientId) {
        if (clientId == null || clientId.length() > 128) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM oauth_client WHERE client_id = ?",
                rs -> rs.next() ? Optional.of(map(rs)) : Optional.empty(), clientId);
    }

    public boolean exists(String clientId) {
        return find(clientId).isPresent();
    }

    private static RegisteredClient map(ResultSet rs) throws SQLException {
        return new RegisteredClient(rs.getString("client_id"), rs.getString("name"),
                ClientType.valueOf(rs.getString("client_type")), rs.getString("secret_hash"),
                rs.getString("auth_method"), list(rs.getArray("redirect_uris")), list(rs.getArray("grant_types")),
                list(rs.getArray("scopes")), rs.getString("site_uri"),
                rs.getString("access_token_format") == null ? ClientRegistered.JWT : rs.getString("access_token_format"),
                rs.getString("jwks"));
    }

    static List<String> list(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
