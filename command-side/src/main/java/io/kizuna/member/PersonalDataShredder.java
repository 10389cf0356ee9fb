package io.kizuna.member;

import io.kizuna.api.member.MemberForgotten;
import io.kizuna.api.member.PersonalDataVault;
import io.kizuna.config.CommandSideConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Carries out {@link MemberForgotten} in the transaction that appends it, so the event is never stored
 * without its effect: the member's data key is destroyed (crypto-shredding). The lookups that own the
 * login row ({@link MemberCredentialLookup}) and the browser sessions
 * ({@link io.kizuna.session.BrowserSessions}) drop theirs in the same transaction.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class PersonalDataShredder {
    private final PersonalDataVault vault;

    public PersonalDataShredder(PersonalDataVault vault) {
        this.vault = vault;
    }

    @EventHandler
    void on(MemberForgotten event) {
        vault.forget(event.memberId());
    }
}
