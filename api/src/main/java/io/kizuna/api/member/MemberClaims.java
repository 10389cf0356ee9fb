package io.kizuna.api.member;

/** Claims of a member; {@code personalData} is null when the member was forgotten. */
public record MemberClaims(MemberId memberId, PersonalData personalData) {
}
