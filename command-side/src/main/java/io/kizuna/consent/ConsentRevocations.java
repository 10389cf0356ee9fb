package io.kizuna.consent;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.consent.ConsentService;
import io.kizuna.api.consent.FindActiveGrantsQuery;
import io.kizuna.api.consent.GrantConsentCommand;
import io.kizuna.api.consent.RevokeConsentCommand;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.RevokeGrantCommand;
import io.kizuna.api.member.MemberId;
import io.kizuna.ledger.LedgerCommands;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Withdrawing a consent ends every grant of that client for the member, in the same transaction as
 * {@code ConsentRevoked}: either the consent and all its tokens end together, or nothing changes.
 */
@Service
public class ConsentRevocations implements ConsentService {
    static final String REASON = "consent_revoked";

    private final LedgerCommands commands;
    private final QueryGateway queries;

    public ConsentRevocations(LedgerCommands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @Override
    @Transactional
    public boolean revoke(MemberId memberId, ClientId clientId) {
        String consentId = GrantConsentCommand.consentIdOf(memberId, clientId);
        boolean revoked;
        try {
            revoked = Boolean.TRUE.equals(commands.send(new RevokeConsentCommand(consentId, memberId, clientId)));
        } catch (org.axonframework.modelling.command.AggregateNotFoundException e) {
            return false;
        }
        List<String> grants = queries.query(new FindActiveGrantsQuery(memberId, clientId),
                ResponseTypes.multipleInstancesOf(String.class)).join();
        for (String grantId : grants) {
            commands.send(new RevokeGrantCommand(new GrantId(grantId), clientId, REASON));
        }
        return revoked;
    }
}
