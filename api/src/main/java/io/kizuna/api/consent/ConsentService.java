package io.kizuna.api.consent;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;

/** What the account console may do with a member's consents. */
public interface ConsentService {

    /**
     * Withdraws the member's consent for the client and revokes every grant the client holds for the
     * member, in one transaction: its tokens stop working at once. Returns false when there was no
     * consent to withdraw.
     */
    boolean revoke(MemberId memberId, ClientId clientId);
}
