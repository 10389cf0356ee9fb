package io.kizuna.ledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.consent.GrantConsentCommand;
import io.kizuna.api.member.MemberId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * "What could client X access on behalf of member Y at instant T", answered by replaying the ledger
 * up to T: the consent then in force, and every grant's tokens then alive (issued, not expired, not
 * rotated away, not revoked). Read models only know the present; the ledger knows every past.
 */
@Service
public class PointInTimeAccess {
    private final AuditTrail trail;
    private final JdbcTemplate jdbc;

    public PointInTimeAccess(AuditTrail trail, JdbcTemplate jdbc) {
        this.trail = trail;
        this.jdbc = jdbc;
    }

    public AccessReport at(String memberId, String clientId, Instant at) {
        String consentId = GrantConsentCommand.consentIdOf(new MemberId(memberId), new ClientId(clientId));
        List<String> grantIds = jdbc.queryForList("""
                SELECT DISTINCT aggregateidentifier FROM domainevententry
                WHERE type = 'Grant' AND convert_from(payload, 'UTF8')::jsonb ->> 'memberId' = ?
                  AND convert_from(payload, 'UTF8')::jsonb ->> 'clientId' = ?""", String.class, memberId, clientId);
        List<String> aggregates = new ArrayList<>(grantIds);
        aggregates.add(consentId);
        List<String> consented = new ArrayList<>();
        Map<String, GrantState> grants = new LinkedHashMap<>();
        trail.stream(new AuditFilter(null, null, null, at.plusNanos(1), null, aggregates), 0, Long.MAX_VALUE,
                record -> apply(record, consented, grants));
        List<GrantAccess> live = grants.values().stream().map(g -> g.at(at)).filter(GrantAccess::canAccess).toList();
        return new AccessReport(memberId, clientId, at, List.copyOf(consented), live, !live.isEmpty());
    }

    private static void apply(AuditRecord record, List<String> consented, Map<String, GrantState> grants) {
        JsonNode p = record.payload();
        String aggregate = record.aggregateId();
        switch (record.type()) {
            case "consent.granted" -> {
                consented.clear();
                p.path("allScopes").forEach(s -> consented.add(s.asText()));
            }
            case "consent.revoked" -> consented.clear();
            case "grant.access_token.issued" -> grants.computeIfAbsent(aggregate, GrantState::new)
                    .issued(p.path("tokenHash").asText(), Instant.parse(p.path("expiresAt").asText()), p.path("scopes"));
            case "grant.refresh_token.issued" -> grants.computeIfAbsent(aggregate, GrantState::new)
                    .refresh(p.path("tokenHash").asText(), Instant.parse(p.path("expiresAt").asText()));
            case "grant.refresh_token.rotated" -> grants.computeIfAbsent(aggregate, GrantState::new)
                    .expire(p.path("previousTokenHash").asText());
            case "grant.access_token.revoked" -> grants.computeIfAbsent(aggregate, GrantState::new)
                    .expire(p.path("tokenHash").asText());
            case "grant.revoked" -> grants.computeIfAbsent(aggregate, GrantState::new).revoked = true;
            default -> {
                // codes and other steps do not change what the client can access
            }
        }
    }

    /** The answer: the consent in force at {@code at} and each grant that still worked then. */
    public record AccessReport(String memberId, String clientId, Instant at, List<String> consentedScopes,
                               List<GrantAccess> grants, boolean canAccess) {
    }

    /** A grant at an instant: scopes of its live access tokens, how many, and whether it could refresh. */
    public record GrantAccess(String grantId, List<String> scopes, int liveAccessTokens, boolean canRefresh) {
        boolean canAccess() {
            return liveAccessTokens > 0 || canRefresh;
        }
    }

    private static final class GrantState {
        final String grantId;
        final Map<String, Instant> access = new HashMap<>();
        final Map<String, Instant> refresh = new HashMap<>();
        final TreeSet<String> scopes = new TreeSet<>();
        boolean revoked;

        GrantState(String grantId) {
            this.grantId = grantId;
        }

        void issued(String hash, Instant expiresAt, JsonNode tokenScopes) {
            access.put(hash, expiresAt);
            tokenScopes.forEach(s -> scopes.add(s.asText()));
        }

        void refresh(String hash, Instant expiresAt) {
            refresh.put(hash, expiresAt);
        }

        void expire(String hash) {
            access.remove(hash);
            refresh.remove(hash);
        }

        GrantAccess at(Instant at) {
            if (revoked) {
                return new GrantAccess(grantId, List.of(), 0, false);
            }
            int live = (int) access.values().stream().filter(e -> e.isAfter(at)).count();
            boolean canRefresh = refresh.values().stream().anyMatch(e -> e.isAfter(at));
            return new GrantAccess(grantId, List.copyOf(scopes), live, canRefresh);
        }
    }
}
