package io.kizuna.query.member;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.api.member.FindMemberClaimsQuery;
import io.kizuna.api.member.MemberClaims;
import io.kizuna.api.member.MemberEmailVerified;
import io.kizuna.api.member.MemberForgotten;
import io.kizuna.api.member.MemberRegistered;
import io.kizuna.api.member.PersonalData;
import io.kizuna.api.member.PersonalDataVault;
import io.kizuna.api.member.SealedPersonalData;
import io.kizuna.query.QuerySideConfiguration;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Member profiles for UserInfo (OIDC Core §5.3). The read model keeps the data sealed exactly as in
 * the ledger and opens it per request, so forgetting the member's key empties this model too.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.READ_YOUR_WRITES)
public class MemberProfileProjection {
    private final JdbcTemplate jdbc;
    private final PersonalDataVault vault;
    private final ObjectMapper json;

    public MemberProfileProjection(JdbcTemplate jdbc, PersonalDataVault vault, ObjectMapper json) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.json = json;
    }

    @EventHandler
    void on(MemberRegistered e) {
        jdbc.update("INSERT INTO member_profile (member_id, key_id, sealed, registered_at) VALUES (?, ?, ?, ?)",
                e.memberId().value(), e.personalData().keyId(), e.personalData().sealed(),
                Timestamp.from(e.registeredAt()));
    }

    /** A provisioned member (SCIM) has a profile for UserInfo like a registered one. */
    @EventHandler
    void on(io.kizuna.api.member.MemberProvisioned e) {
        jdbc.update("INSERT INTO member_profile (member_id, key_id, sealed, registered_at) VALUES (?, ?, ?, ?)",
                e.memberId().value(), e.personalData().keyId(), e.personalData().sealed(),
                Timestamp.from(e.provisionedAt()));
    }

    @EventHandler
    void on(io.kizuna.api.member.MemberDirectoryEntryUpdated e) {
        jdbc.update("UPDATE member_profile SET sealed = ? WHERE member_id = ?", e.personalData().sealed(),
                e.memberId().value());
    }

    /** The sealed registration data says "not verified" for ever; this flag says what happened since. */
    @EventHandler
    void on(MemberEmailVerified e) {
        jdbc.update("UPDATE member_profile SET email_verified = TRUE WHERE member_id = ?", e.memberId().value());
    }

    /** The new sealed profile; a changed address is unverified until its new link is followed. */
    @EventHandler
    void on(io.kizuna.api.member.MemberProfileUpdated e) {
        jdbc.update("UPDATE member_profile SET key_id = ?, sealed = ?, email_verified = email_verified AND NOT ? "
                + "WHERE member_id = ?", e.personalData().keyId(), e.personalData().sealed(), e.emailChanged(),
                e.memberId().value());
    }

    /** The sealed copy goes too: unreadable already, but a forgotten member should leave no profile row. */
    @EventHandler
    void on(MemberForgotten e) {
        jdbc.update("DELETE FROM member_profile WHERE member_id = ?", e.memberId().value());
    }

    @QueryHandler
    public MemberClaims handle(FindMemberClaimsQuery query) {
        record Row(SealedPersonalData sealed, boolean emailVerified, Timestamp registeredAt) {
        }
        List<Row> rows = jdbc.query("SELECT key_id, sealed, email_verified, registered_at FROM member_profile "
                        + "WHERE member_id = ?",
                (rs, i) -> new Row(new SealedPersonalData(rs.getString(1), rs.getString(2)), rs.getBoolean(3),
                        rs.getTimestamp(4)), query.memberId().value());
        PersonalData data = rows.isEmpty() ? null : vault.open(query.memberId(), rows.get(0).sealed()).map(bytes -> {
            try {
                PersonalData sealed = json.readValue(bytes, PersonalData.class);
                PersonalData opened = sealed.withEmailVerified(sealed.emailVerified() || rows.get(0).emailVerified());
                // OIDC Core §5.1 updated_at: a profile never edited was last changed when the member joined
                return opened.standard().updatedAt() != null || rows.get(0).registeredAt() == null ? opened
                        : opened.withStandard(opened.standard().withUpdatedAt(
                                rows.get(0).registeredAt().toInstant().getEpochSecond()));
            } catch (IOException e) {
                throw new IllegalStateException("a member profile could not be read", e);
            }
        }).orElse(null);
        return new MemberClaims(query.memberId(), data);
    }
}
