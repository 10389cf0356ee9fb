package io.kizuna.api.member;

/** Everything that happens to a member. */
public sealed interface MemberEvent permits MemberRegistered, LoginSucceeded, LoginFailed, TotpEnrolled, MemberEmailVerified,
        MemberPasswordChanged, LoginLocked,
        MemberForgotten, MemberProvisioned, MemberDirectoryEntryUpdated, MemberDeprovisioned, MemberReactivated {
    MemberId memberId();
}
