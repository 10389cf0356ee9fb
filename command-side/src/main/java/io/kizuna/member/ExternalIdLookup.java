package io.kizuna.member;

import io.kizuna.api.member.MemberDirectoryEntryUpdated;
import io.kizuna.api.member.MemberForgotten;
import io.kizuna.api.member.MemberProvisioned;
import io.kizuna.config.CommandSideConfiguration;
import io.kizuna.crypto.MasterKey;
import io.kizuna.crypto.TokenHashes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * externalId → member (RFC 7643 §3.1), written in the provisioning transaction: the primary key makes a
 * second member with the same externalId fail and roll its event back (set-based validation). The id is
 * the HR system's (often an employee number), so only its keyed HMAC is stored; externalId is case-exact.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class ExternalIdLookup {
    private final JdbcTemplate jdbc;
    private final DirectoryEntryCodec directory;
    private final byte[] key;

    public ExternalIdLookup(JdbcTemplate jdbc, DirectoryEntryCodec directory, MasterKey masterKey) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.key = masterKey.derive("kizuna/external-id/v1");
    }

    public String keyOf(String externalId) {
        return TokenHashes.hmac(key, externalId);
    }

    public boolean isTakenByAnother(String externalId, String memberId) {
        return jdbc.queryForList("SELECT member_id FROM member_external_id WHERE external_key = ?", String.class,
                keyOf(externalId)).stream().anyMatch(owner -> !owner.equals(memberId));
    }

    @EventHandler
    void on(MemberProvisioned event) {
        directory.open(event.memberId(), event.directoryEntry()).map(DirectoryEntryCodec::externalId)
                .ifPresent(externalId -> jdbc.update(
                        "INSERT INTO member_external_id (external_key, member_id) VALUES (?, ?)", keyOf(externalId),
                        event.memberId().value()));
    }

    @EventHandler
    void on(MemberDirectoryEntryUpdated event) {
        jdbc.update("DELETE FROM member_external_id WHERE member_id = ?", event.memberId().value());
        directory.open(event.memberId(), event.directoryEntry()).map(DirectoryEntryCodec::externalId)
                .ifPresent(externalId -> jdbc.update(
                        "INSERT INTO member_external_id (external_key, member_id) VALUES (?, ?)", keyOf(externalId),
                        event.memberId().value()));
    }

    @EventHandler
    void on(MemberForgotten event) {
        jdbc.update("DELETE FROM member_external_id WHERE member_id = ?", event.memberId().value());
    }
}
