package io.kizuna.member;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.EmailVerificationService;
import io.kizuna.api.member.FindMemberClaimsQuery;
import io.kizuna.api.member.MemberClaims;
import io.kizuna.api.member.MemberForgotten;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalData;
import io.kizuna.api.member.VerifyEmailCommand;
import io.kizuna.config.CommandSideConfiguration;
import io.kizuna.config.KizunaProperties;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.mail.Mail;
import io.kizuna.mail.MailSender;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mail verification links. The token is 256 random bits; only its SHA-256 is stored, so the table
 * yields no usable link. A new link replaces the member's older ones; redeeming deletes the row in the
 * same transaction that appends {@code member.email.verified}, so a link works once.
 */
@Service
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class EmailVerifications implements EmailVerificationService {
    static final Duration LIFETIME = Duration.ofHours(24);
    /** A member (or someone at their unlocked computer) cannot turn the resend button into a mail cannon. */
    static final Duration RESEND_INTERVAL = Duration.ofSeconds(60);

    private final JdbcTemplate jdbc;
    private final LedgerCommands commands;
    private final QueryGateway queries;
    private final MailSender mail;
    private final KizunaProperties properties;
    private final Clock clock;

    public EmailVerifications(JdbcTemplate jdbc, LedgerCommands commands, QueryGateway queries, MailSender mail,
                              KizunaProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.queries = queries;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
    }

    /** Issues a link and mails it to {@code data.email()}; called at registration and on resend. */
    @Transactional
    public void send(MemberId memberId, PersonalData data) {
        String token = TokenHashes.randomValue(32);
        Instant now = clock.instant();
        jdbc.update("DELETE FROM email_verification WHERE member_id = ?", memberId.value());
        jdbc.update("INSERT INTO email_verification (token_hash, member_id, expires_at) VALUES (?, ?, ?)",
                TokenHashes.sha256(token), memberId.value(), Timestamp.from(now.plus(LIFETIME)));
        String link = properties.issuer() + "/verify-email?token=" + token;
        mail.send("ja".equals(data.locale())
                ? new Mail(memberId, data.email(), "メールアドレスの確認",
                        data.name() + " 様\n\nKizuna へのご登録ありがとうございます。次のリンクを開いてメールアドレスを確認してください（24時間有効）。\n\n"
                                + link + "\n\nお心当たりがない場合は、このメールを破棄してください。\n")
                : new Mail(memberId, data.email(), "Confirm your e-mail address",
                        "Hello " + data.name() + ",\n\nplease open this link to confirm your e-mail address for Kizuna (valid for 24 hours):\n\n"
                                + link + "\n\nIf you did not register, ignore this mail.\n"));
    }

    @Override
    @Transactional
    public Outcome verify(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Outcome.INVALID;
        }
        List<String> member = jdbc.queryForList(
                "DELETE FROM email_verification WHERE token_hash = ? AND expires_at > ? RETURNING member_id",
                String.class, TokenHashes.sha256(token), Timestamp.from(clock.instant()));
        if (member.isEmpty()) {
            return Outcome.INVALID;
        }
        commands.send(new VerifyEmailCommand(new MemberId(member.get(0))));
        return Outcome.VERIFIED;
    }

    @Override
    @Transactional
    public void resend(MemberId memberId) {
        MemberClaims claims = queries.query(new FindMemberClaimsQuery(memberId),
                ResponseTypes.instanceOf(MemberClaims.class)).join();
        if (claims == null || claims.personalData() == null) {
            throw new LedgerRejection("member_forgotten", "this member was forgotten");
        }
        if (claims.personalData().emailVerified()) {
            throw new LedgerRejection("already_verified", "the e-mail address is already verified");
        }
        Integer recent = jdbc.queryForObject("SELECT count(*) FROM email_verification WHERE member_id = ? AND expires_at > ?",
                Integer.class, memberId.value(), Timestamp.from(clock.instant().plus(LIFETIME).minus(RESEND_INTERVAL)));
        if (recent != null && recent > 0) {
            throw new LedgerRejection("resend_too_soon", "a link was sent less than a minute ago");
        }
        send(memberId, claims.personalData());
    }

    @EventHandler
    void on(MemberForgotten event) {
        jdbc.update("DELETE FROM email_verification WHERE member_id = ?", event.memberId().value());
    }
}
