package io.kizuna.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Real delivery through the mail server of {@code spring.mail.*} (Spring Boot's JavaMailSender).
 * A delivery failure is logged, not thrown: a registration must not fail (the member can ask for the
 * link again), and a password-reset request must not answer differently for a known address.
 */
public class SmtpMailSender implements MailSender {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailSender.class);

    private final JavaMailSender smtp;
    private final String from;

    public SmtpMailSender(JavaMailSender smtp, String from) {
        this.smtp = smtp;
        this.from = from;
    }

    @Override
    public void send(Mail mail) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(mail.to());
        message.setSubject(mail.subject());
        message.setText(mail.body());
        try {
            smtp.send(message);
        } catch (MailException e) {
            // neither the address nor the body (it holds a live link) goes to the log
            LOG.warn("mail \"{}\" for member {} not delivered: {}", mail.subject(),
                    mail.memberId() == null ? "-" : mail.memberId().value(), e.getClass().getSimpleName());
        }
    }
}
