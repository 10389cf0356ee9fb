package io.kizuna.query.consent;

import io.kizuna.api.consent.ConsentGranted;
import io.kizuna.api.consent.ConsentHistoryEntry;
import io.kizuna.api.consent.ConsentRevoked;
import io.kizuna.api.consent.FindConsentHistoryQuery;
import io.kizuna.api.grant.AccessTokenIssued;
import io.kizuna.api.grant.GrantRevoked;
import io.kizuna.api.member.MemberForgotten;
import io.kizuna.query.QuerySideConfiguration;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The history of a member's consent per client, as the account console shows it: every approval
 * ({@code consent.granted}: the first one "granted", later ones that add scopes "extended"), every
 * withdrawal, grants the platform ended (sign-out, refresh-token reuse, code replay, …) and the tokens
 * issued, counted per UTC day. Updated in the transaction of the events themselves.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.READ_YOUR_WRITES)
public class ConsentHistoryProjection {
    /** Most lines a page shows; the full record stays in the ledger (audit API). */
    static final int LIMIT = 200;

    private final JdbcTemplate jdbc;

    public ConsentHistoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The first approval (or the first after a withdrawal) is "granted"; a later one that adds scopes is
     * "extended" with just the added ones; a later one that adds nothing (e.g. {@code prompt=consent}) "renewed".
     */
    @EventHandler
    void on(ConsentGranted e, @MessageIdentifier String eventId, @SequenceNumber long seq) {
        String member = e.memberId().value();
        String client = e.clientId().value();
        List<String> before = jdbc.query("""
                SELECT kind, all_scopes FROM consent_history
                WHERE member_id = ? AND client_id = ? AND consent_seq IS NOT NULL
                ORDER BY consent_seq DESC LIMIT 1""",
                rs -> rs.next() && !"revoked".equals(rs.getString("kind"))
                        ? List.of((String[]) rs.getArray("all_scopes").getArray()) : null,
                member, client);
        if (before == null) {
            insert(eventId, member, client, "granted", e.grantedAt(), e.allScopes(), null, e.allScopes(), seq);
            return;
        }
        List<String> added = e.allScopes().stream().filter(s -> !before.contains(s)).toList();
        insert(eventId, member, client, added.isEmpty() ? "renewed" : "extended", e.grantedAt(),
                added.isEmpty() ? e.scopes() : added, null, e.allScopes(), seq);
    }

    @EventHandler
    void on(ConsentRevoked e, @MessageIdentifier String eventId, @SequenceNumber long seq) {
        insert(eventId, e.memberId().value(), e.clientId().value(), "revoked", e.revokedAt(), e.scopes(), null, null,
                seq);
    }

    /** Grants the platform ended; those ended by a withdrawal are already its "revoked" line. */
    @EventHandler
    void on(GrantRevoked e, @MessageIdentifier String eventId) {
        if (e.memberId() != null && !"consent_revoked".equals(e.reason())) {
            insert(eventId, e.memberId().value(), e.clientId().value(), "access_ended", e.revokedAt(), List.of(),
                    e.reason(), null, null);
        }
    }

    @EventHandler
    void on(AccessTokenIssued e) {
        if (e.memberId() != null) {
            jdbc.update("""
                    INSERT INTO consent_usage_day (member_id, client_id, day, tokens) VALUES (?, ?, ?, 1)
                    ON CONFLICT (member_id, client_id, day) DO UPDATE SET tokens = consent_usage_day.tokens + 1""",
                    e.memberId().value(), e.clientId().value(), LocalDate.ofInstant(e.issuedAt(), ZoneOffset.UTC));
        }
    }

    @EventHandler
    void on(MemberForgotten e) {
        jdbc.update("DELETE FROM consent_history WHERE member_id = ?", e.memberId().value());
        jdbc.update("DELETE FROM consent_usage_day WHERE member_id = ?", e.memberId().value());
    }

    @QueryHandler
    public List<ConsentHistoryEntry> handle(FindConsentHistoryQuery query) {
        String member = query.memberId().value();
        String client = query.clientId().value();
        List<ConsentHistoryEntry> entries = new ArrayList<>(jdbc.query("""
                SELECT kind, at, scopes, detail FROM consent_history WHERE member_id = ? AND client_id = ?
                ORDER BY at DESC, consent_seq DESC NULLS LAST LIMIT ?""",
                (rs, i) -> new ConsentHistoryEntry(rs.getString("kind"), rs.getTimestamp("at").toInstant(),
                        List.of((String[]) rs.getArray("scopes").getArray()), rs.getString("detail"), 1),
                member, client, LIMIT));
        entries.addAll(jdbc.query("""
                SELECT day, tokens FROM consent_usage_day WHERE member_id = ? AND client_id = ?
                ORDER BY day DESC LIMIT ?""",
                (rs, i) -> new ConsentHistoryEntry("used",
                        rs.getDate("day").toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant(), List.of(), null,
                        rs.getInt("tokens")),
                member, client, LIMIT));
        // newest first; on one instant the day's usage line after the approvals of that day
        entries.sort(Comparator.comparing(ConsentHistoryEntry::at).reversed());
        return entries.size() > LIMIT ? entries.subList(0, LIMIT) : entries;
    }

    private void insert(String eventId, String memberId, String clientId, String kind, java.time.Instant at,
                        List<String> scopes, String detail, List<String> allScopes, Long consentSeq) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO consent_history (event_id, member_id, client_id, kind, at, scopes,"
                    + " detail, all_scopes, consent_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            ps.setString(1, eventId);
            ps.setString(2, memberId);
            ps.setString(3, clientId);
            ps.setString(4, kind);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.setArray(6, con.createArrayOf("text", scopes.toArray()));
            ps.setString(7, detail);
            ps.setArray(8, allScopes == null ? null : con.createArrayOf("text", allScopes.toArray()));
            ps.setObject(9, consentSeq);
            return ps;
        });
    }
}
