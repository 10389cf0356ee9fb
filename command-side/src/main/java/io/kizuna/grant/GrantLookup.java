package io.kizuna.grant;

import io.kizuna.api.grant.AuthorizationCodeIssued;
import io.kizuna.api.grant.RefreshTokenIssued;
import io.kizuna.config.CommandSideConfiguration;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Code and refresh-token hashes → grant, in the issuing transaction, so a value is redeemable the
 * moment it is returned. Spent refresh hashes stay, so their reuse is recognised and revokes the grant.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class GrantLookup {
    private final JdbcTemplate jdbc;

    public GrantLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AuthorizationCodeIssued event) {
        jdbc.update("""
                INSERT INTO grant_lookup (value_hash, kind, grant_id, member_id, session_id, offline)
                VALUES (?, 'code', ?, ?, ?, ?)""",
                event.codeHash(), event.grantId().value(), event.memberId() == null ? null : event.memberId().value(),
                event.sessionId(), event.scopes() != null && event.scopes().contains("offline_access"));
    }

    /**
     * Grants whose authorization code was issued in browser session {@code sessionId}.
     *
     * @param withOffline also those the member gave {@code offline_access} (OIDC Core §11: meant to outlive
     *                    the session)
     */
    public List<String> grantsOfSession(String sessionId, boolean withOffline) {
        return jdbc.queryForList("SELECT DISTINCT grant_id FROM grant_lookup WHERE session_id = ? AND kind = 'code'"
                + (withOffline ? "" : " AND NOT offline"), String.class, sessionId);
    }

    @EventHandler
    void on(RefreshTokenIssued event) {
        jdbc.update("INSERT INTO grant_lookup (value_hash, kind, grant_id) VALUES (?, 'refresh', ?)",
                event.tokenHash(), event.grantId().value());
    }

    /** Grants that issued the member an authorization code, redeemed or not. */
    public List<String> grantsWithCodesOf(String memberId) {
        return jdbc.queryForList("SELECT DISTINCT grant_id FROM grant_lookup WHERE member_id = ? AND kind = 'code'",
                String.class, memberId);
    }

    public Optional<String> grantOf(String kind, String valueHash) {
        return jdbc.query("SELECT grant_id FROM grant_lookup WHERE value_hash = ? AND kind = ?",
                rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.empty(), valueHash, kind);
    }
}
