package io.kizuna.query.token;

import io.kizuna.api.client.ClientDeleted;
import io.kizuna.api.grant.AccessTokenIssued;
import io.kizuna.api.grant.AccessTokenRevoked;
import io.kizuna.api.grant.GrantRevoked;
import io.kizuna.api.grant.RefreshTokenIssued;
import io.kizuna.api.grant.RefreshTokenRotated;
import io.kizuna.api.member.FindGrantsOfMemberQuery;
import io.kizuna.api.member.MemberForgotten;
import io.kizuna.api.token.FindTokenQuery;
import io.kizuna.api.token.TokenView;
import io.kizuna.query.QuerySideConfiguration;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Token hash → what introspection (RFC 7662 §2.2) and UserInfo need. Rotated refresh tokens, access
 * tokens revoked one by one (RFC 7009) and every token of a revoked grant are marked revoked, so they
 * stop working the moment the event is stored.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.READ_YOUR_WRITES)
public class TokenLookupProjection {
    private final JdbcTemplate jdbc;

    public TokenLookupProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccessTokenIssued e) {
        insert(e.tokenHash(), "access", e.grantId().value(), e.clientId().value(),
                e.memberId() == null ? null : e.memberId().value(), e.jti(), e.scopes(), e.audience(), e.issuedAt(),
                e.expiresAt(), e.jkt(), e.x5tS256());
    }

    @EventHandler
    void on(RefreshTokenIssued e) {
        insert(e.tokenHash(), "refresh", e.grantId().value(), e.clientId().value(),
                e.memberId() == null ? null : e.memberId().value(), null, e.scopes(), null, e.issuedAt(),
                e.expiresAt(), e.jkt(), e.x5tS256());
    }

    @EventHandler
    void on(RefreshTokenRotated e) {
        jdbc.update("UPDATE token_lookup SET revoked = TRUE WHERE token_hash = ?", e.previousTokenHash());
    }

    /** RFC 7009 §2: in the revoking transaction, so introspection says inactive the moment we answer 200. */
    @EventHandler
    void on(AccessTokenRevoked e) {
        jdbc.update("UPDATE token_lookup SET revoked = TRUE WHERE token_hash = ?", e.tokenHash());
    }

    /** RFC 7592 §2.3: a deleted client's tokens stop working with the deletion. */
    @EventHandler
    void on(ClientDeleted e) {
        jdbc.update("UPDATE token_lookup SET revoked = TRUE WHERE client_id = ?", e.clientId().value());
    }

    @EventHandler
    void on(GrantRevoked e) {
        jdbc.update("UPDATE token_lookup SET revoked = TRUE WHERE grant_id = ?", e.grantId().value());
    }

    /**
     * A forgotten member's tokens stop working in the forgetting transaction itself; the grants' own
     * {@code GrantRevoked} events follow, and this keeps UserInfo and introspection closed in between.
     */
    @EventHandler
    void on(MemberForgotten e) {
        jdbc.update("UPDATE token_lookup SET revoked = TRUE WHERE member_id = ?", e.memberId().value());
    }

    /** A deprovisioned member's tokens (SCIM active=false) stop working in that same transaction. */
    @EventHandler
    void on(io.kizuna.api.member.MemberDeprovisioned e) {
        jdbc.update("UPDATE token_lookup SET revoked = TRUE WHERE member_id = ?", e.memberId().value());
    }

    @QueryHandler
    public List<String> handle(FindGrantsOfMemberQuery query) {
        return jdbc.queryForList("SELECT DISTINCT grant_id FROM token_lookup WHERE member_id = ? ORDER BY grant_id",
                String.class, query.memberId().value());
    }

    @QueryHandler
    public Optional<TokenView> handle(FindTokenQuery query) {
        return jdbc.query("SELECT * FROM token_lookup WHERE token_hash = ?",
                rs -> rs.next() ? Optional.of(new TokenView(rs.getString("token_hash"), rs.getString("token_type"),
                        rs.getString("grant_id"), rs.getString("client_id"), rs.getString("member_id"),
                        rs.getString("jti"), List.of((String[]) rs.getArray("scopes").getArray()),
                        rs.getString("audience"), rs.getTimestamp("issued_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant(), rs.getBoolean("revoked"),
                        rs.getString("jkt"), rs.getString("x5t_s256")))
                        : Optional.empty(),
                query.tokenHash());
    }

    private void insert(String hash, String type, String grantId, String clientId, String memberId, String jti,
                        List<String> scopes, String audience, Instant issuedAt, Instant expiresAt, String jkt,
                        String x5tS256) {
        jdbc.update("""
                INSERT INTO token_lookup (token_hash, token_type, grant_id, client_id, member_id, jti, scopes,
                                          audience, issued_at, expires_at, jkt, x5t_s256)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                ps -> {
                    ps.setString(1, hash);
                    ps.setString(2, type);
                    ps.setString(3, grantId);
                    ps.setString(4, clientId);
                    ps.setString(5, memberId);
                    ps.setString(6, jti);
                    ps.setArray(7, ps.getConnection().createArrayOf("text", scopes.toArray()));
                    ps.setString(8, audience);
                    ps.setTimestamp(9, Timestamp.from(issuedAt));
                    ps.setTimestamp(10, Timestamp.from(expiresAt));
                    ps.setString(11, jkt);
                    ps.setString(12, x5tS256);
                });
    }
}
