package io.kizuna.api.session;

import java.time.Instant;
import java.util.List;

/** A live session as the account console lists it; {@code clientId} is where the sign-in started. */
public record SessionView(String sessionId, Instant startedAt, Instant expiresAt, List<String> amr, String clientId) {
}
