package io.kizuna.member;

import io.kizuna.api.member.MemberPasswordChanged;
import io.kizuna.api.member.MemberRegistered;
import io.kizuna.config.CommandSideConfiguration;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Login → member, written in the registration's own transaction: the primary key on the login key
 * makes a duplicate registration fail and roll its event back (set-based validation).
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class MemberCredentialLookup {
    private final JdbcTemplate jdbc;
    private final PersonalDataCodec codec;
    private final LoginKeys loginKeys;

    private final DirectoryEntryCodec directory;

    public MemberCredentialLookup(JdbcTemplate jdbc, PersonalDataCodec codec, LoginKeys loginKeys,
                                  DirectoryEntryCodec directory) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.loginKeys = loginKeys;
        this.directory = directory;
    }

    /**
     * A provisioned member signs in with their SCIM userName; it shares the login namespace with e-mail
     * logins, so the primary key makes userName unique across the whole directory (RFC 7643 §4.1.1).
     * Without a password the row holds none until the member sets one through the reset link.
     */
    @EventHandler
    void on(io.kizuna.api.member.MemberProvisioned event) {
        directory.open(event.memberId(), event.directoryEntry()).ifPresent(entry -> jdbc.update(
                "INSERT INTO member_credential (login_key, member_id, password_hash, active) VALUES (?, ?, ?, ?)",
                loginKeys.of(DirectoryEntryCodec.userName(entry)), event.memberId().value(), event.passwordHash(),
                event.active()));
    }

    /** A renamed userName moves the login; a taken one fails on the primary key and rolls the change back. */
    @EventHandler
    void on(io.kizuna.api.member.MemberDirectoryEntryUpdated event) {
        directory.open(event.memberId(), event.directoryEntry()).ifPresent(entry -> jdbc.update(
                "UPDATE member_credential SET login_key = ? WHERE member_id = ?",
                loginKeys.of(DirectoryEntryCodec.userName(entry)), event.memberId().value()));
    }

    @EventHandler
    void on(io.kizuna.api.member.MemberDeprovisioned event) {
        jdbc.update("UPDATE member_credential SET active = FALSE WHERE member_id = ?", event.memberId().value());
    }

    @EventHandler
    void on(io.kizuna.api.member.MemberReactivated event) {
        jdbc.update("UPDATE member_credential SET active = TRUE WHERE member_id = ?", event.memberId().value());
    }

    @EventHandler
    void on(MemberRegistered event) {
        codec.open(event.memberId(), event.personalData()).ifPresent(data ->
                jdbc.update("INSERT INTO member_credential (login_key, member_id, password_hash) VALUES (?, ?, ?)",
                        loginKeys.of(data.email()), event.memberId().value(), event.passwordHash()));
    }

    /** A new address is the new login at once; the unique login key refuses one taken meanwhile. */
    @EventHandler
    void on(io.kizuna.api.member.MemberProfileUpdated event) {
        if (event.emailChanged()) {
            codec.open(event.memberId(), event.personalData()).ifPresent(data ->
                    jdbc.update("UPDATE member_credential SET login_key = ? WHERE member_id = ?",
                            loginKeys.of(data.email()), event.memberId().value()));
        }
    }

    /** In the changing transaction, so the old password stops working when the change is acknowledged. */
    @EventHandler
    void on(MemberPasswordChanged event) {
        jdbc.update("UPDATE member_credential SET password_hash = ? WHERE member_id = ?", event.passwordHash(),
                event.memberId().value());
    }

    /** In the locking transaction: the next sign-in attempt already sees the lock. */
    @EventHandler
    void on(io.kizuna.api.member.MemberSuspended event) {
        jdbc.update("UPDATE member_credential SET suspended_at = ? WHERE member_id = ?",
                java.sql.Timestamp.from(event.at()), event.memberId().value());
    }

    @EventHandler
    void on(io.kizuna.api.member.MemberUnsuspended event) {
        jdbc.update("UPDATE member_credential SET suspended_at = NULL WHERE member_id = ?", event.memberId().value());
    }

    /** Whether an administrator locked this member's sign-in (admin console). */
    public boolean isSuspended(String memberId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM member_credential WHERE member_id = ? AND suspended_at IS NOT NULL)",
                Boolean.class, memberId));
    }

    /** The keyed login hash of a member, for matching configured administrators by e-mail. */
    public Optional<String> loginKeyOf(String memberId) {
        return jdbc.queryForList("SELECT login_key FROM member_credential WHERE member_id = ?", String.class,
                memberId).stream().findFirst();
    }

    public Optional<String> passwordHashOf(String memberId) {
        return jdbc.queryForList("SELECT password_hash FROM member_credential WHERE member_id = ?", String.class,
                memberId).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** The e-mail may register again; its HMAC no longer points at the forgotten member. */
    @EventHandler
    void on(io.kizuna.api.member.MemberForgotten event) {
        jdbc.update("DELETE FROM member_credential WHERE member_id = ?", event.memberId().value());
    }

    public boolean isTaken(String login) {
        return find(login).isPresent();
    }

    public Optional<Credential> find(String login) {
        return jdbc.query("SELECT member_id, password_hash, active FROM member_credential WHERE login_key = ?",
                rs -> rs.next() ? Optional.of(new Credential(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                        : Optional.empty(),
                loginKeys.of(login));
    }

    /** Whether the login belongs to a member other than {@code memberId} (userName uniqueness, RFC 7644 §3.3). */
    public boolean isTakenByAnother(String login, String memberId) {
        return find(login).map(c -> !c.memberId().equals(memberId)).orElse(false);
    }

    /**
     * @param passwordHash null for a provisioned member who has not set a password yet
     * @param active       false once deprovisioned: such a member cannot sign in
     */
    public record Credential(String memberId, String passwordHash, boolean active) {
    }
}
