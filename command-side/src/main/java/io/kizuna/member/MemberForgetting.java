package io.kizuna.member;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.RevokeGrantCommand;
import io.kizuna.api.member.FindGrantsOfMemberQuery;
import io.kizuna.api.member.ForgetMemberCommand;
import io.kizuna.api.member.MemberId;
import io.kizuna.grant.GrantLookup;
import io.kizuna.ledger.LedgerCommands;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

/**
 * "Forget member": appends {@code MemberForgotten} (which destroys the data key in the same transaction,
 * see {@link PersonalDataShredder}), then revokes every grant that issued the member tokens or a code not
 * yet redeemed, so no service site keeps acting for someone who no longer exists here. The grants are revoked one command each
 * (aggregates are the unit of consistency); a retry of the whole call finishes what a failure left, since
 * both steps are idempotent.
 */
@Service
public class MemberForgetting {
    private final LedgerCommands commands;
    private final QueryGateway queries;
    private final GrantLookup grantLookup;

    public MemberForgetting(LedgerCommands commands, QueryGateway queries, GrantLookup grantLookup) {
        this.commands = commands;
        this.queries = queries;
        this.grantLookup = grantLookup;
    }

    public Forgotten forget(MemberId memberId, String requestedVia) {
        Instant forgottenAt;
        try {
            forgottenAt = commands.send(new ForgetMemberCommand(memberId, requestedVia));
        } catch (AggregateNotFoundException e) {
            throw new MemberNotFoundException(memberId);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof AggregateNotFoundException) {
                throw new MemberNotFoundException(memberId);
            }
            throw e;
        }
        Set<String> grants = new TreeSet<>(queries.query(new FindGrantsOfMemberQuery(memberId),
                ResponseTypes.multipleInstancesOf(String.class)).join());
        grants.addAll(grantLookup.grantsWithCodesOf(memberId.value())); // codes not redeemed yet have no tokens
        for (String grant : grants) {
            commands.send(new RevokeGrantCommand(new GrantId(grant), null, "member_forgotten"));
        }
        return new Forgotten(memberId, forgottenAt, grants.size());
    }

    public record Forgotten(MemberId memberId, Instant forgottenAt, int grantsRevoked) {
    }

    /** No member with this id was ever registered. */
    public static class MemberNotFoundException extends LedgerRejection {
        public MemberNotFoundException(MemberId memberId) {
            super("member_not_found", "no member with this id");
        }
    }
}
