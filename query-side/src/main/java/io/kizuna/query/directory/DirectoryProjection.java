package io.kizuna.query.directory;

import io.kizuna.api.directory.DirectoryGroup;
import io.kizuna.api.directory.DirectoryUser;
import io.kizuna.api.directory.FindDirectoryGroupsQuery;
import io.kizuna.api.directory.FindDirectoryUsersQuery;
import io.kizuna.api.group.GroupCreated;
import io.kizuna.api.group.GroupDeleted;
import io.kizuna.api.group.GroupMembersAdded;
import io.kizuna.api.group.GroupMembersRemoved;
import io.kizuna.api.group.GroupRenamed;
import io.kizuna.api.member.MemberDeprovisioned;
import io.kizuna.api.member.MemberDirectoryEntryUpdated;
import io.kizuna.api.member.MemberForgotten;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.MemberProvisioned;
import io.kizuna.api.member.MemberReactivated;
import io.kizuna.api.member.PersonalDataVault;
import io.kizuna.api.member.SealedPersonalData;
import io.kizuna.query.QuerySideConfiguration;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SCIM 2.0 directory (RFC 7644 §3.4): provisioned members and groups, written in the appending
 * transaction so a SCIM client reads its own writes. Members' entries stay sealed under their own key
 * and are opened per query; a forgotten member's row and group memberships are dropped, and even a
 * stale copy could no longer be opened. Searching therefore opens the entries it scans: fine for a
 * company directory (thousands), see docs/scim.md for the trade-off.
 */
@Component
@ProcessingGroup(QuerySideConfiguration.READ_YOUR_WRITES)
public class DirectoryProjection {
    private final JdbcTemplate jdbc;
    private final PersonalDataVault vault;

    public DirectoryProjection(JdbcTemplate jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    @EventHandler
    void on(MemberProvisioned e) {
        jdbc.update("""
                INSERT INTO directory_user (member_id, key_id, sealed, active, version, created_at, last_modified)
                VALUES (?, ?, ?, ?, 1, ?, ?)""", e.memberId().value(), e.directoryEntry().keyId(),
                e.directoryEntry().sealed(), e.active(), ts(e.provisionedAt()), ts(e.provisionedAt()));
    }

    @EventHandler
    void on(MemberDirectoryEntryUpdated e) {
        jdbc.update("UPDATE directory_user SET sealed = ?, version = version + 1, last_modified = ? WHERE member_id = ?",
                e.directoryEntry().sealed(), ts(e.updatedAt()), e.memberId().value());
    }

    @EventHandler
    void on(MemberDeprovisioned e) {
        jdbc.update("UPDATE directory_user SET active = FALSE, last_modified = ? WHERE member_id = ?",
                ts(e.deprovisionedAt()), e.memberId().value());
    }

    @EventHandler
    void on(MemberReactivated e) {
        jdbc.update("UPDATE directory_user SET active = TRUE, last_modified = ? WHERE member_id = ?",
                ts(e.reactivatedAt()), e.memberId().value());
    }

    @EventHandler
    void on(MemberForgotten e) {
        jdbc.update("DELETE FROM directory_user WHERE member_id = ?", e.memberId().value());
        jdbc.update("DELETE FROM directory_group_member WHERE member_id = ?", e.memberId().value());
    }

    @EventHandler
    void on(GroupCreated e, @SequenceNumber long seq) {
        jdbc.update("""
                INSERT INTO directory_group (group_id, display_name, external_id, version, created_at, last_modified)
                VALUES (?, ?, ?, 1, ?, ?)""", e.groupId().value(), e.displayName(), e.externalId(),
                ts(e.createdAt()), ts(e.createdAt()));
        addMembers(e.groupId().value(), e.members(), seq);
    }

    @EventHandler
    void on(GroupRenamed e) {
        jdbc.update("""
                UPDATE directory_group SET display_name = ?, external_id = ?, version = version + 1, last_modified = ?
                WHERE group_id = ?""", e.displayName(), e.externalId(), ts(e.renamedAt()), e.groupId().value());
    }

    @EventHandler
    void on(GroupMembersAdded e, @SequenceNumber long seq) {
        addMembers(e.groupId().value(), e.members(), seq);
        touch(e.groupId().value(), e.addedAt());
    }

    @EventHandler
    void on(GroupMembersRemoved e) {
        for (MemberId m : e.members()) {
            jdbc.update("DELETE FROM directory_group_member WHERE group_id = ? AND member_id = ?", e.groupId().value(),
                    m.value());
        }
        touch(e.groupId().value(), e.removedAt());
    }

    @EventHandler
    void on(GroupDeleted e) {
        jdbc.update("DELETE FROM directory_group WHERE group_id = ?", e.groupId().value());
    }

    @QueryHandler
    public List<DirectoryUser> handle(FindDirectoryUsersQuery query) {
        String sql = "SELECT member_id, key_id, sealed, active, version, created_at, last_modified FROM directory_user";
        Object[] args = {};
        if (query.memberId() != null) {
            sql += " WHERE member_id = ?";
            args = new Object[] {query.memberId()};
        }
        return jdbc.query(sql + " ORDER BY created_at, member_id", (rs, i) -> {
            MemberId id = new MemberId(rs.getString(1));
            String entry = vault.open(id, new SealedPersonalData(rs.getString(2), rs.getString(3)))
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse(null);
            return new DirectoryUser(id.value(), entry, rs.getBoolean(4), rs.getLong(5),
                    rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant());
        }, args);
    }

    @QueryHandler
    public List<String> handle(io.kizuna.api.directory.FindDirectoryUserIdsQuery query) {
        return jdbc.queryForList("SELECT member_id FROM directory_user ORDER BY member_id", String.class);
    }

    @QueryHandler
    public List<DirectoryGroup> handle(FindDirectoryGroupsQuery query) {
        String sql = "SELECT g.group_id, g.display_name, g.external_id, g.version, g.created_at, g.last_modified "
                + "FROM directory_group g";
        List<Object> args = new ArrayList<>();
        if (query.groupId() != null) {
            sql += " WHERE g.group_id = ?";
            args.add(query.groupId());
        } else if (query.memberId() != null) {
            sql += " WHERE EXISTS (SELECT 1 FROM directory_group_member m WHERE m.group_id = g.group_id"
                    + " AND m.member_id = ?)";
            args.add(query.memberId());
        }
        Map<String, DirectoryGroup> groups = new LinkedHashMap<>();
        jdbc.query(sql + " ORDER BY g.created_at, g.group_id", rs -> {
            groups.put(rs.getString(1), new DirectoryGroup(rs.getString(1), rs.getString(2), rs.getString(3),
                    new ArrayList<>(), rs.getLong(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()));
        }, args.toArray());
        if (groups.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", java.util.Collections.nCopies(groups.size(), "?"));
        jdbc.query("SELECT group_id, member_id FROM directory_group_member WHERE group_id IN (" + in
                + ") ORDER BY position", rs -> {
            groups.get(rs.getString(1)).members().add(rs.getString(2));
        }, groups.keySet().toArray());
        return List.copyOf(groups.values());
    }

    /** Members in the order added: the event's sequence number, then the member's place in the event. */
    private void addMembers(String groupId, List<MemberId> members, long seq) {
        for (int i = 0; i < members.size(); i++) {
            jdbc.update("""
                    INSERT INTO directory_group_member (group_id, member_id, position) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""", groupId, members.get(i).value(), seq * 1_000_000L + i);
        }
    }

    private void touch(String groupId, Instant at) {
        jdbc.update("UPDATE directory_group SET version = version + 1, last_modified = ? WHERE group_id = ?",
                ts(at), groupId);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
