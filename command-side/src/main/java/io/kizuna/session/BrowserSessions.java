package io.kizuna.session;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.SessionEnded;
import io.kizuna.api.session.SessionStarted;
import io.kizuna.api.session.SignInService.BrowserSession;
import io.kizuna.api.session.StartSessionCommand;
import io.kizuna.config.CommandSideConfiguration;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.ledger.LedgerCommands;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Browser sign-in sessions shared by every node. A session is a ledger aggregate ({@link Session});
 * this lookup, written in the same transaction as its events, answers "which session is this cookie?".
 * The cookie carries a 256-bit secret, the ledger and the table only its SHA-256, so neither a database
 * read nor the ledger yields a usable session.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class BrowserSessions {
    private final JdbcTemplate jdbc;
    private final LedgerCommands commands;
    private final Clock clock;

    public BrowserSessions(JdbcTemplate jdbc, LedgerCommands commands, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
    }

    public Opened open(MemberId memberId, List<String> amr, String acr, String clientId, Duration lifetime) {
        String secret = TokenHashes.randomValue(32);
        String sessionId = UUID.randomUUID().toString();
        commands.send(new StartSessionCommand(sessionId, memberId, TokenHashes.sha256(secret), amr, acr, clientId,
                clock.instant().plus(lifetime)));
        return new Opened(secret, sessionId);
    }

    @EventHandler
    void on(SessionStarted e) {
        jdbc.update("""
                INSERT INTO browser_session (session_hash, session_id, member_id, auth_time, amr, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""",
                ps -> {
                    ps.setString(1, e.secretHash());
                    ps.setString(2, e.sessionId());
                    ps.setString(3, e.memberId().value());
                    ps.setTimestamp(4, Timestamp.from(e.startedAt()));
                    ps.setArray(5, ps.getConnection().createArrayOf("text", e.amr().toArray()));
                    ps.setTimestamp(6, Timestamp.from(e.expiresAt()));
                });
    }

    @EventHandler
    void on(SessionEnded e) {
        jdbc.update("DELETE FROM browser_session WHERE session_id = ?", e.sessionId());
    }

    /** An open SSO session must not authorize anything for a forgotten member. */
    @EventHandler
    void on(io.kizuna.api.member.MemberForgotten e) {
        jdbc.update("DELETE FROM browser_session WHERE member_id = ?", e.memberId().value());
    }

    public Optional<BrowserSession> find(String cookieValue) {
        if (cookieValue == null || cookieValue.length() > 100) {
            return Optional.empty();
        }
        return jdbc.query("""
                SELECT session_id, member_id, auth_time, amr FROM browser_session
                WHERE session_hash = ? AND expires_at > ?""",
                rs -> rs.next()
                        ? Optional.of(new BrowserSession(rs.getString(1), rs.getString(2),
                                rs.getTimestamp(3).toInstant(),
                                List.of((String[]) rs.getArray(4).getArray())))
                        : Optional.empty(),
                TokenHashes.sha256(cookieValue), Timestamp.from(clock.instant()));
    }

    /** Live sessions of a member, newest first. */
    public List<String> liveSessionIds(MemberId memberId) {
        return jdbc.queryForList("SELECT session_id FROM browser_session WHERE member_id = ? AND expires_at > ? "
                + "ORDER BY auth_time DESC", String.class, memberId.value(), Timestamp.from(clock.instant()));
    }

    public record Opened(String cookieValue, String sessionId) {
    }
}
