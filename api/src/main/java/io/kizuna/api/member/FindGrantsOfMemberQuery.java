package io.kizuna.api.member;

/** Ids of every grant that issued tokens to the member, revoked or not (answered as a list of strings). */
public record FindGrantsOfMemberQuery(MemberId memberId) {
}
