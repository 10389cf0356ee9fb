package io.kizuna.mail;

import io.kizuna.api.mail.MailOutbox;
import io.kizuna.api.mail.OutboxMail;
import io.kizuna.api.member.MemberForgotten;
import io.kizuna.config.CommandSideConfiguration;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded default: mails go to the {@code mail_outbox} table, shown on the demo's outbox page.
 * The table holds addresses in plaintext, so a forgotten member's mails are deleted with their key.
 */
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class OutboxMailSender implements MailSender, MailOutbox {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public OutboxMailSender(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void send(Mail mail) {
        jdbc.update("INSERT INTO mail_outbox (member_id, recipient, subject, body, sent_at) VALUES (?, ?, ?, ?, ?)",
                mail.memberId() == null ? null : mail.memberId().value(), mail.to(), mail.subject(), mail.body(),
                Timestamp.from(clock.instant()));
    }

    @Override
    public List<OutboxMail> newestFirst(int limit) {
        return jdbc.query("SELECT id, recipient, subject, body, sent_at FROM mail_outbox ORDER BY id DESC LIMIT ?",
                (rs, i) -> new OutboxMail(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), Math.max(0, Math.min(limit, 500)));
    }

    @EventHandler
    void on(MemberForgotten event) {
        jdbc.update("DELETE FROM mail_outbox WHERE member_id = ?", event.memberId().value());
    }
}
