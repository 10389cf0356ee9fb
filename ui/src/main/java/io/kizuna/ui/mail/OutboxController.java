package io.kizuna.ui.mail;

import io.kizuna.api.mail.MailOutbox;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The demo's mailbox: every mail the embedded default "sent", newest first, so a demo needs no mail
 * server. Only with {@code kizuna.demo.enabled=true}: it shows every member's links to anyone.
 */
@Controller
@ConditionalOnProperty(name = "kizuna.demo.enabled", havingValue = "true")
public class OutboxController {
    static final int SHOWN = 50;

    private final ObjectProvider<MailOutbox> outbox;

    public OutboxController(ObjectProvider<MailOutbox> outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/outbox")
    public ModelAndView outbox() {
        MailOutbox box = outbox.getIfAvailable();
        ModelAndView page = new ModelAndView("mail/outbox");
        page.addObject("smtp", box == null);
        page.addObject("mails", box == null ? List.of() : box.newestFirst(SHOWN));
        return page;
    }
}
