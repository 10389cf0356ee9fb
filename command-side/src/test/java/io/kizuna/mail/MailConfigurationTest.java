package io.kizuna.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import io.kizuna.api.member.MemberId;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

class MailConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
            .withUserConfiguration(MailConfiguration.class)
            .withBean(JdbcTemplate.class, () -> mock(JdbcTemplate.class))
            .withBean(Clock.class, Clock::systemUTC);

    @Test
    void withoutAMailHostMailGoesToTheOutbox() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(MailSender.class);
            assertThat(context.getBean(MailSender.class)).isInstanceOf(OutboxMailSender.class);
        });
    }

    @Test
    void withAMailHostMailGoesThroughSmtpAndNoOutboxExists() {
        runner.withPropertyValues("spring.mail.host=smtp.example.jp").run(context -> {
            assertThat(context).hasSingleBean(MailSender.class);
            assertThat(context.getBean(MailSender.class)).isInstanceOf(SmtpMailSender.class);
            assertThat(context).doesNotHaveBean(OutboxMailSender.class);
        });
    }

    @Test
    void anSmtpFailureIsNotThrownAtTheCaller() {
        JavaMailSender smtp = mock(JavaMailSender.class);
        doThrow(new MailSendException("connection refused")).when(smtp).send(any(SimpleMailMessage.class));
        assertThatCode(() -> new SmtpMailSender(smtp, "no-reply@example.jp")
                .send(new Mail(new MemberId("m-1"), "a@example.jp", "Subject", "Body")))
                .doesNotThrowAnyException();
    }
}
