package io.kizuna.api.member;

/** Everything that happens to a member. */
public sealed interface MemberEvent permits MemberRegistered, LoginSucceeded, LoginFailed, TotpEnrolled, MemberEmailVerified,
        MemberPasswordChanged, LoginLocked,
        MemberForgotten,
        PasskeyRegistered, PasskeyRemoved, PasskeyCloneSuspected, RecoveryCodeUsed, RecoveryCodesRegenerated,
        MemberProfileUpdated {
    MemberId memberId();
}
