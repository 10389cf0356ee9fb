package io.kizuna.api.consent;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.member.MemberId;

/** Ids of the grants a client holds for a member that are not revoked (answer: {@code List<String>}). */
public record FindActiveGrantsQuery(MemberId memberId, ClientId clientId) {
}
