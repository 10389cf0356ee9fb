package io.kizuna.api.session;

import java.util.Optional;

/**
 * OpenID Connect RP-Initiated Logout 1.0 for the confirmation page: the end-session endpoint has validated
 * the Relying Party's request (§2, §3) and parked it; the page asks the member (§2 "the OP SHOULD ask the
 * End-User whether to log out") and then completes or cancels it. The page never sees a redirect URI it
 * could be talked into: only the parked, exactly matched one is ever used.
 */
public interface LogoutService {

    /** The parked request, if it exists and has not expired. */
    Optional<LogoutPrompt> find(String requestId);

    /**
     * Takes the request out (once), ends the session behind the cookie if there is one (ledger
     * {@code session.ended}, reason {@code rp_initiated_logout}; back-channel logout follows), and says where
     * the browser goes: the registered {@code post_logout_redirect_uri} with {@code state} (§3), or null for
     * Kizuna's "signed out" page. Empty when the request is unknown or expired.
     */
    Optional<LogoutOutcome> complete(String requestId, String sessionCookieValue);

    /** The member chose to stay signed in: the request is dropped, nothing ends. */
    boolean cancel(String requestId);

    /**
     * @param clientName  the Relying Party's name, or null when the request did not identify one
     * @param hintSid     {@code sid} of the {@code id_token_hint}, or null
     * @param hintSubject {@code sub} of the {@code id_token_hint}, or null
     */
    record LogoutPrompt(String requestId, String clientName, String hintSid, String hintSubject) {
        /**
         * Whether the ID token hint names exactly this browser's session and member: then the RP proves it
         * holds an ID token issued in this very session, and the page signs out without asking.
         */
        public boolean hintMatches(SignInService.BrowserSession session) {
            return session != null && hintSid != null && hintSid.equals(session.sessionId())
                    && hintSubject != null && hintSubject.equals(session.memberId());
        }
    }

    /**
     * @param redirectTo the post-logout redirect URI with {@code state}, or null
     * @param frames     the Front-Channel Logout 1.0 §4 frames of the ended session, to render before the
     *                   browser moves on; empty when no session ended or no client registered a URI
     */
    record LogoutOutcome(String redirectTo, java.util.List<FrontChannelLogoutFrame> frames) {
        public LogoutOutcome {
            frames = frames == null ? java.util.List.of() : java.util.List.copyOf(frames);
        }

        public LogoutOutcome(String redirectTo) {
            this(redirectTo, java.util.List.of());
        }
    }
}
