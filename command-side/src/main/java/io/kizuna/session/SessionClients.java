package io.kizuna.session;

import io.kizuna.api.grant.AuthorizationCodeIssued;
import io.kizuna.api.grant.AuthorizationCodeRedeemed;
import io.kizuna.api.grant.IdTokenIssued;
import io.kizuna.config.CommandSideConfiguration;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which clients received an ID token in which browser session, written in the issuing transaction: an
 * {@code openid} code issued in a session, marked once redeemed (the ID token goes out with the redemption,
 * OIDC Core §3.1.3.3), or an ID token returned from the authorization endpoint (implicit and hybrid flows). These are the Relying Parties to notify when the session ends (OIDC Back-Channel
 * Logout 1.0 §2.7) and whose {@code id_token_hint} may name the session (RP-Initiated Logout 1.0 §2).
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class SessionClients {
    private final JdbcTemplate jdbc;

    public SessionClients(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AuthorizationCodeIssued e) {
        if (e.sessionId() != null && e.memberId() != null && e.scopes() != null && e.scopes().contains("openid")) {
            jdbc.update("""
                    INSERT INTO session_client (grant_id, session_id, client_id, member_id) VALUES (?, ?, ?, ?)
                    ON CONFLICT (grant_id) DO NOTHING""",
                    e.grantId().value(), e.sessionId(), e.clientId().value(), e.memberId().value());
        }
    }

    /**
     * OIDC Core §3.2.2.5, §3.3.2.5: an ID token from the authorization endpoint reached the client at once; the
     * grant of an implicit flow has no code, so this is its first and only record here.
     */
    @EventHandler
    void on(IdTokenIssued e) {
        if (e.sessionId() != null && e.memberId() != null) {
            jdbc.update("""
                    INSERT INTO session_client (grant_id, session_id, client_id, member_id, id_token_issued)
                    VALUES (?, ?, ?, ?, TRUE)
                    ON CONFLICT (grant_id) DO UPDATE SET id_token_issued = TRUE""",
                    e.grantId().value(), e.sessionId(), e.clientId().value(), e.memberId().value());
        }
    }

    @EventHandler
    void on(AuthorizationCodeRedeemed e) {
        jdbc.update("UPDATE session_client SET id_token_issued = TRUE WHERE grant_id = ?", e.grantId().value());
    }

    /** The clients (each once) that received an ID token in the session, with the member it was about. */
    public List<Recipient> recipients(String sessionId) {
        return jdbc.query("""
                SELECT DISTINCT client_id, member_id FROM session_client
                WHERE session_id = ? AND id_token_issued ORDER BY client_id""",
                (rs, row) -> new Recipient(rs.getString(1), rs.getString(2)), sessionId);
    }

    public record Recipient(String clientId, String memberId) {
    }
}
