package io.kizuna.api.member;

/** Everything that happens to a member. */
    MemberId memberId();
}
