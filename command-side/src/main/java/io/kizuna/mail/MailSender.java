package io.kizuna.mail;

/**
 * Sends mail to members. {@link MailConfiguration} picks SMTP when {@code spring.mail.host} is set and
 * the local outbox otherwise, so the embedded default needs no mail server.
 */
public interface MailSender {

    void send(Mail mail);
}
