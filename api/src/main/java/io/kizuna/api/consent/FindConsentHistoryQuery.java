package io.kizuna.api.consent;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;

/**
 * The history of one member's consent for one client, newest first: granted, extended, used (per day),
 * revoked, and access ended by the platform, as recorded in the ledger.
 */
public record FindConsentHistoryQuery(MemberId memberId, ClientId clientId) {
}
