package io.kizuna.consent;

import io.kizuna.api.consent.ConsentGranted;
import io.kizuna.config.CommandSideConfiguration;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The scopes a member already approved for a client, so the consent screen asks only for new ones. */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class ConsentLookup {
    private final JdbcTemplate jdbc;

    public ConsentLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ConsentGranted event) {
        jdbc.update("""
                INSERT INTO consent_lookup (consent_id, member_id, client_id, scopes) VALUES (?, ?, ?, ?)
                ON CONFLICT (consent_id) DO UPDATE SET scopes = EXCLUDED.scopes""",
                ps -> {
                    ps.setString(1, event.consentId());
                    ps.setString(2, event.memberId().value());
                    ps.setString(3, event.clientId().value());
                    ps.setArray(4, ps.getConnection().createArrayOf("text", event.allScopes().toArray()));
                });
    }

    @EventHandler
    void on(io.kizuna.api.consent.ConsentRevoked event) {
        jdbc.update("DELETE FROM consent_lookup WHERE consent_id = ?", event.consentId());
    }

    public boolean covers(String memberId, String clientId, List<String> scopes) {
        List<String> granted = jdbc.query(
                "SELECT unnest(scopes) FROM consent_lookup WHERE member_id = ? AND client_id = ?",
                (rs, i) -> rs.getString(1), memberId, clientId);
        return granted.containsAll(scopes);
    }
}
