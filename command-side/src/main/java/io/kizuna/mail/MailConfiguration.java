package io.kizuna.mail;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;

/** Exactly one {@link MailSender}: SMTP when a mail host is configured, the local outbox otherwise. */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {

    @Bean
    @ConditionalOnProperty("spring.mail.host")
    MailSender smtpMailSender(JavaMailSender smtp, @Value("${kizuna.mail.from:no-reply@kizuna.local}") String from) {
        return new SmtpMailSender(smtp, from);
    }

    @Bean
    @ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
    OutboxMailSender outboxMailSender(JdbcTemplate jdbc, Clock clock,
                                      @Value("${kizuna.demo.enabled:false}") boolean demo) {
        if (!demo) {
            // outside the demo nobody reads the outbox: members would never get their links
            org.slf4j.LoggerFactory.getLogger(MailConfiguration.class).warn(
                    "No mail server configured (spring.mail.host): verification and password-reset mails are only "
                            + "stored in the mail_outbox table. Configure SMTP before members register.");
        }
        return new OutboxMailSender(jdbc, clock);
    }
}
