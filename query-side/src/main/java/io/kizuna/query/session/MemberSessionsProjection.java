package io.kizuna.query.session;

import io.kizuna.api.session.FindSessionsQuery;
import io.kizuna.api.session.SessionEnded;
import io.kizuna.api.session.SessionStarted;
import io.kizuna.api.session.SessionView;
import io.kizuna.query.QuerySideConfiguration;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The member's sessions for the account console; ended ones are kept (with their end) for history. */
@Component
@ProcessingGroup(QuerySideConfiguration.READ_YOUR_WRITES)
public class MemberSessionsProjection {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public MemberSessionsProjection(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventHandler
    void on(SessionStarted e) {
        jdbc.update("""
                INSERT INTO member_session (session_id, member_id, amr, client_id, started_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""",
                ps -> {
                    ps.setString(1, e.sessionId());
                    ps.setString(2, e.memberId().value());
                    ps.setArray(3, ps.getConnection().createArrayOf("text", e.amr().toArray()));
                    ps.setString(4, e.clientId());
                    ps.setTimestamp(5, Timestamp.from(e.startedAt()));
                    ps.setTimestamp(6, Timestamp.from(e.expiresAt()));
                });
    }

    @EventHandler
    void on(SessionEnded e) {
        jdbc.update("UPDATE member_session SET ended_at = ? WHERE session_id = ?", Timestamp.from(e.endedAt()),
                e.sessionId());
    }

    @QueryHandler
    public List<SessionView> handle(FindSessionsQuery query) {
        return jdbc.query("""
                SELECT session_id, started_at, expires_at, amr, client_id FROM member_session
                WHERE member_id = ? AND ended_at IS NULL AND expires_at > ? ORDER BY started_at DESC""",
                (rs, i) -> new SessionView(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant(), List.of((String[]) rs.getArray(4).getArray()), rs.getString(5)),
                query.memberId().value(), Timestamp.from(clock.instant()));
    }
}
