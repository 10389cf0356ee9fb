package io.kizuna.member;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.ChangePasswordCommand;
import io.kizuna.api.member.FindMemberClaimsQuery;
import io.kizuna.api.member.MemberClaims;
import io.kizuna.api.member.MemberForgotten;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PasswordService;
import io.kizuna.api.member.PersonalData;
import io.kizuna.config.CommandSideConfiguration;
import io.kizuna.config.KizunaProperties;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.mail.Mail;
import io.kizuna.mail.MailSender;
import io.kizuna.session.SignOut;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset and change. A reset link carries 256 random bits, stored as SHA-256, valid 30
 * minutes and once; asking for one answers the same whether the address is known or not. The new
 * password obeys {@link PasswordRules} before the token is spent, so a refused password does not cost
 * the member their link. A changed password ends the member's other sessions.
 */
@Service
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class PasswordResets implements PasswordService {
    static final Duration LIFETIME = Duration.ofMinutes(30);
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Requests per source address per window, whatever the addresses asked for. */
    static final int PER_SOURCE = 10;
    /** Mails per login per window: more requests are answered alike but send nothing. */
    static final int PER_LOGIN = 3;

    private final JdbcTemplate jdbc;
    private final LedgerCommands commands;
    private final QueryGateway queries;
    private final MemberCredentialLookup credentials;
    private final PasswordHasher hasher;
    private final MailSender mail;
    private final SignOut signOut;
    private final LoginKeys loginKeys;
    private final KizunaProperties properties;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> requests = new ConcurrentHashMap<>();

    public PasswordResets(JdbcTemplate jdbc, LedgerCommands commands, QueryGateway queries,
                          MemberCredentialLookup credentials, PasswordHasher hasher, MailSender mail, SignOut signOut,
                          LoginKeys loginKeys, KizunaProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.queries = queries;
        this.credentials = credentials;
        this.hasher = hasher;
        this.mail = mail;
        this.signOut = signOut;
        this.loginKeys = loginKeys;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void requestReset(String email, String sourceAddress) {
        Instant now = clock.instant();
        if (sourceAddress != null && bump("addr:" + sourceAddress, now) > PER_SOURCE) {
            throw new LedgerRejection("throttled", "too many reset requests from this address; try again later");
        }
        String login = email == null ? "" : email.strip();
        if (login.isEmpty() || login.length() > 320 || bump("login:" + loginKeys.of(login), now) > PER_LOGIN) {
            return;
        }
        Optional<MemberCredentialLookup.Credential> credential = credentials.find(login);
        if (credential.isEmpty() || !credential.get().active()) {
            return;
        }
        MemberId memberId = new MemberId(credential.get().memberId());
        MemberClaims claims = queries.query(new FindMemberClaimsQuery(memberId),
                ResponseTypes.instanceOf(MemberClaims.class)).join();
        if (claims == null || claims.personalData() == null) {
            return;
        }
        String token = TokenHashes.randomValue(32);
        jdbc.update("DELETE FROM password_reset WHERE member_id = ?", memberId.value());
        jdbc.update("INSERT INTO password_reset (token_hash, member_id, expires_at) VALUES (?, ?, ?)",
                TokenHashes.sha256(token), memberId.value(), Timestamp.from(now.plus(LIFETIME)));
        mail.send(resetMail(memberId, claims.personalData(), properties.issuer() + "/password/reset?token=" + token));
    }

    @Override
    public boolean resetTokenValid(String token) {
        return memberOf(token).isPresent();
    }

    @Override
    @Transactional
    public void reset(String token, char[] newPassword) {
        if (memberOf(token).isEmpty()) {
            throw new LedgerRejection("invalid_token", "the reset link is unknown, used or expired");
        }
        PasswordRules.check(newPassword);
        List<String> member = jdbc.queryForList(
                "DELETE FROM password_reset WHERE token_hash = ? AND expires_at > ? RETURNING member_id",
                String.class, TokenHashes.sha256(token), Timestamp.from(clock.instant()));
        if (member.isEmpty()) {
            throw new LedgerRejection("invalid_token", "the reset link is unknown, used or expired");
        }
        MemberId memberId = new MemberId(member.get(0));
        commands.send(new ChangePasswordCommand(memberId, hasher.hash(newPassword), "reset"));
        signOut.endOthers(memberId, null, "password_changed");
    }

    @Override
    @Transactional
    public void change(MemberId memberId, String currentSessionId, char[] currentPassword, char[] newPassword) {
        Optional<String> hash = credentials.passwordHashOf(memberId.value());
        if (hash.isEmpty() || currentPassword == null || currentPassword.length > PasswordRules.MAX_LENGTH
                || !hasher.verify(currentPassword, hash.get())) {
            throw new LedgerRejection("wrong_password", "the current password is not correct");
        }
        PasswordRules.check(newPassword);
        commands.send(new ChangePasswordCommand(memberId, hasher.hash(newPassword), "account"));
        signOut.endOthers(memberId, currentSessionId, "password_changed");
    }

    @EventHandler
    void on(MemberForgotten event) {
        jdbc.update("DELETE FROM password_reset WHERE member_id = ?", event.memberId().value());
    }

    private Optional<String> memberOf(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT member_id FROM password_reset WHERE token_hash = ? AND expires_at > ?",
                String.class, TokenHashes.sha256(token), Timestamp.from(clock.instant())).stream().findFirst();
    }

    private int bump(String key, Instant now) {
        if (requests.size() > 100_000) {
            requests.entrySet().removeIf(e -> e.getValue().start().plus(WINDOW).isBefore(now));
        }
        return requests.compute(key, (k, w) -> w == null || w.start().plus(WINDOW).isBefore(now)
                ? new Window(now, 1) : new Window(w.start(), w.count() + 1)).count();
    }

    private static Mail resetMail(MemberId memberId, PersonalData data, String link) {
        return "ja".equals(data.locale())
                ? new Mail(memberId, data.email(), "パスワードの再設定",
                        data.name() + " 様\n\nパスワード再設定のご依頼を受け付けました。次のリンクから新しいパスワードを設定してください（30分間、1回のみ有効）。\n\n"
                                + link + "\n\nお心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。\n")
                : new Mail(memberId, data.email(), "Reset your password",
                        "Hello " + data.name() + ",\n\nsomeone asked to reset your Kizuna password. Choose a new one here (valid once, for 30 minutes):\n\n"
                                + link + "\n\nIf it was not you, ignore this mail: your password stays as it is.\n");
    }

    private record Window(Instant start, int count) {
    }
}
