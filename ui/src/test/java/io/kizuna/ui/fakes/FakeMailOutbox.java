package io.kizuna.ui.fakes;

import io.kizuna.api.mail.MailOutbox;
import io.kizuna.api.mail.OutboxMail;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Two mails, already newest first as the real outbox answers. */
@Component
public class FakeMailOutbox implements MailOutbox {
    @Override
    public List<OutboxMail> newestFirst(int limit) {
        return List.of(
                new OutboxMail(2, "taro@example.jp", "メールアドレスの確認", "太郎 様\n\nhttp://localhost/verify-email?token=t2",
                        Instant.parse("2026-11-26T03:10:00Z")),
                new OutboxMail(1, "hanako@example.jp", "Confirm your e-mail address",
                        "Hello Hanako,\n\nhttp://localhost/verify-email?token=t1", Instant.parse("2026-11-26T03:00:00Z")))
                .subList(0, Math.min(limit, 2));
    }
}
