package io.kizuna.query.consent;

import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.consent.ConnectedApp;
import io.kizuna.api.consent.ConsentGranted;
import io.kizuna.api.consent.FindConnectedAppsQuery;
import io.kizuna.api.grant.AccessTokenIssued;
import io.kizuna.query.QuerySideConfiguration;
import java.sql.Timestamp;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * "Connected apps" of the account console: per member and client, the scopes approved, since when,
 * and the last token issuance. Updated with the consent itself, so the page is current the moment
 * the member returns from a consent screen.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.READ_YOUR_WRITES)
public class ConnectedAppsProjection {
    private final JdbcTemplate jdbc;

    public ConnectedAppsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ClientRegistered e) {
        jdbc.update("""
                INSERT INTO client_directory (client_id, name, site_uri) VALUES (?, ?, ?)
                ON CONFLICT (client_id) DO UPDATE SET name = EXCLUDED.name, site_uri = EXCLUDED.site_uri""",
                e.clientId().value(), e.name(), e.siteUri());
    }

    /** RFC 7592 §2.2: the account console shows the app under its current name. */
    @EventHandler
    void on(io.kizuna.api.client.ClientUpdated e) {
        jdbc.update("UPDATE client_directory SET name = ?, site_uri = ? WHERE client_id = ?", e.name(), e.siteUri(),
                e.clientId().value());
    }

    /** RFC 7592 §2.3: a deleted app holds no access any more, so it is no longer a connected app. */
    @EventHandler
    void on(io.kizuna.api.client.ClientDeleted e) {
        jdbc.update("DELETE FROM connected_app WHERE client_id = ?", e.clientId().value());
    }

    @EventHandler
    void on(ConsentGranted e) {
        jdbc.update("""
                INSERT INTO connected_app (member_id, client_id, scopes, first_granted_at, last_granted_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (member_id, client_id)
                DO UPDATE SET scopes = EXCLUDED.scopes, last_granted_at = EXCLUDED.last_granted_at""",
                ps -> {
                    ps.setString(1, e.memberId().value());
                    ps.setString(2, e.clientId().value());
                    ps.setArray(3, ps.getConnection().createArrayOf("text", e.allScopes().toArray()));
                    ps.setTimestamp(4, Timestamp.from(e.grantedAt()));
                    ps.setTimestamp(5, Timestamp.from(e.grantedAt()));
                });
    }

    @EventHandler
    void on(io.kizuna.api.consent.ConsentRevoked e) {
        jdbc.update("DELETE FROM connected_app WHERE member_id = ? AND client_id = ?", e.memberId().value(),
                e.clientId().value());
    }

    @EventHandler
    void on(AccessTokenIssued e) {
        if (e.memberId() != null) {
            // "last used" to the minute: the row is written at most once a minute per member and app, so that
            // concurrent refreshes of one member's grants (several devices of one app) do not queue on its
            // row lock inside their issuing transactions
            jdbc.update("""
                    UPDATE connected_app SET last_used_at = ? WHERE member_id = ? AND client_id = ?
                    AND (last_used_at IS NULL OR last_used_at < ?)""",
                    Timestamp.from(e.issuedAt()), e.memberId().value(), e.clientId().value(),
                    Timestamp.from(e.issuedAt().minus(LAST_USED_RESOLUTION)));
        }
    }

    /** How stale the account console's "last used" of an app may be. */
    static final java.time.Duration LAST_USED_RESOLUTION = java.time.Duration.ofMinutes(1);

    @QueryHandler
    public List<ConnectedApp> handle(FindConnectedAppsQuery query) {
        return jdbc.query("""
                SELECT a.client_id, coalesce(d.name, a.client_id) AS name, d.site_uri, a.scopes,
                       a.first_granted_at, a.last_granted_at, a.last_used_at
                FROM connected_app a LEFT JOIN client_directory d ON d.client_id = a.client_id
                WHERE a.member_id = ? ORDER BY name""",
                (rs, i) -> new ConnectedApp(rs.getString("client_id"), rs.getString("name"), rs.getString("site_uri"),
                        List.of((String[]) rs.getArray("scopes").getArray()),
                        rs.getTimestamp("first_granted_at").toInstant(), rs.getTimestamp("last_granted_at").toInstant(),
                        rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toInstant()),
                query.memberId().value());
    }
}
