package io.kizuna.api.mail;

import java.util.List;

/** The mails the embedded default "sent" instead of talking to a mail server, for the demo's outbox page. */
public interface MailOutbox {

    /** The latest mails, newest first. */
    List<OutboxMail> newestFirst(int limit);
}
