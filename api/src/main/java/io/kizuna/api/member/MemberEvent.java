package io.kizuna.api.member;

/** Everything that happens to a member. */
public sealed interface MemberEvent permits MemberRegistered, LoginSucceeded, LoginFailed, TotpEnrolled, MemberEmailVerified,
        MemberPasswordChanged, LoginLocked, MemberSuspended, MemberUnsuspended, SecondFactorReset,
        MemberForgotten,
        PasskeyRegistered, PasskeyRemoved, PasskeyCloneSuspected, RecoveryCodeUsed, RecoveryCodesRegenerated,
        MemberProfileUpdated, MemberProvisioned, MemberDirectoryEntryUpdated, MemberDeprovisioned, MemberReactivated {
    MemberId memberId();
}
