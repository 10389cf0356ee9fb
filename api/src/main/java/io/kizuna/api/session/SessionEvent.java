package io.kizuna.api.session;

/** Everything that happens to a single sign-on session. */
public sealed interface SessionEvent permits SessionStarted, SessionEnded {
    String sessionId();
}
