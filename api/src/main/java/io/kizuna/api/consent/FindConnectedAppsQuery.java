package io.kizuna.api.consent;

import io.kizuna.api.member.MemberId;

/** The apps (clients) a member has authorised, for the account console's "connected apps". */
public record FindConnectedAppsQuery(MemberId memberId) {
}
