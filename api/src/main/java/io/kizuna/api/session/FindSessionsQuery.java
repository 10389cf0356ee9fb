package io.kizuna.api.session;

import io.kizuna.api.member.MemberId;

/** The member's sessions that have neither ended nor expired (answer: {@code List<SessionView>}). */
public record FindSessionsQuery(MemberId memberId) {
}
