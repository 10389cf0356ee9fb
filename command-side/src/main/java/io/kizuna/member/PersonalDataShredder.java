package io.kizuna.member;

import io.kizuna.api.member.MemberForgotten;
import io.kizuna.api.member.PersonalDataVault;
import io.kizuna.config.CommandSideConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Carries out {@link MemberForgotten} in the transaction that appends it, so the event is never stored
 * without its effect: the member's data key is destroyed (crypto-shredding), their login row goes (the
 * e-mail may register again; its HMAC no longer points at them) and their browser sessions end (an open
 * SSO session must not authorize anything for a forgotten member).
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class PersonalDataShredder {
    private final PersonalDataVault vault;
    private final JdbcTemplate jdbc;

    public PersonalDataShredder(PersonalDataVault vault, JdbcTemplate jdbc) {
        this.vault = vault;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MemberForgotten event) {
        vault.forget(event.memberId());
        jdbc.update("DELETE FROM member_credential WHERE member_id = ?", event.memberId().value());
        jdbc.update("DELETE FROM browser_session WHERE member_id = ?", event.memberId().value());
    }
}
