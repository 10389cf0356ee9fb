package io.kizuna.grant;

import io.kizuna.api.grant.ClaimsApproved;
import io.kizuna.config.CommandSideConfiguration;
import java.util.Arrays;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Grant → the member claims UserInfo releases for it beyond its scopes (OIDC Core §5.5), written in the
 * transaction of {@code grant.claims.approved}, so the access token just returned reads them at once.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class GrantClaimsLookup {
    private final JdbcTemplate jdbc;

    public GrantClaimsLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ClaimsApproved event) {
        jdbc.update("""
                INSERT INTO grant_claims (grant_id, userinfo_claims) VALUES (?, ?)
                ON CONFLICT (grant_id) DO UPDATE SET userinfo_claims = EXCLUDED.userinfo_claims""",
                ps -> {
                    ps.setString(1, event.grantId().value());
                    ps.setArray(2, ps.getConnection().createArrayOf("text", event.userinfoClaims().toArray()));
                });
    }

    /** The claims UserInfo releases for {@code grantId} beyond its scopes; empty when none were approved. */
    public List<String> userinfoClaims(String grantId) {
        if (grantId == null) {
            return List.of();
        }
        return jdbc.query("SELECT userinfo_claims FROM grant_claims WHERE grant_id = ?",
                (rs, i) -> Arrays.asList((String[]) rs.getArray(1).getArray()), grantId)
                .stream().findFirst().map(List::copyOf).orElse(List.of());
    }
}
