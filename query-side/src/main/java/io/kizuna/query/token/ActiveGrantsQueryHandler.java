package io.kizuna.query.token;

import io.kizuna.api.consent.FindActiveGrantsQuery;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Grants a client holds for a member with at least one token not yet revoked, from the token lookup. */
@Component
public class ActiveGrantsQueryHandler {
    private final JdbcTemplate jdbc;

    public ActiveGrantsQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public List<String> handle(FindActiveGrantsQuery query) {
        return jdbc.queryForList("""
                SELECT DISTINCT grant_id FROM token_lookup
                WHERE member_id = ? AND client_id = ? AND NOT revoked ORDER BY grant_id""",
                String.class, query.memberId().value(), query.clientId().value());
    }
}
