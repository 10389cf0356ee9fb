package io.kizuna.api.session;

import io.kizuna.api.member.MemberId;

/** Signing out: one session (this browser, or one listed in the account console) or all of them. */
public interface SessionService {

    /** Ends the session behind this cookie value; false when there was none. */
    boolean signOut(String sessionCookieValue);

    /** Ends one of the member's own sessions; false when it is not theirs or already ended. */
    boolean end(MemberId memberId, String sessionId);

    /** Ends every live session of the member ("sign out everywhere"); returns how many ended. */
    int endAll(MemberId memberId);

    /**
     * OpenID Connect Front-Channel Logout 1.0 §4: the frames the page confirming the end of {@code sessionId}
     * (this browser's own session) renders, one per client that received an ID token in it and registered a
     * {@code frontchannel_logout_uri}. Empty when there are none.
     */
    default java.util.List<FrontChannelLogoutFrame> frontChannelLogout(String sessionId) {
        return java.util.List.of();
    }
}
