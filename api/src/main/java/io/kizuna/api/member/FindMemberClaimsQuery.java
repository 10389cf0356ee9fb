package io.kizuna.api.member;

/** The member's claims for UserInfo (OIDC Core §5.3), opened from sealed personal data. */
public record FindMemberClaimsQuery(MemberId memberId) {
}
