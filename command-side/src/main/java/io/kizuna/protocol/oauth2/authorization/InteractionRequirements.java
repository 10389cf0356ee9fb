package io.kizuna.protocol.oauth2.authorization;

import io.kizuna.api.session.SignInService.BrowserSession;
import io.kizuna.policy.AuthenticationPolicy;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a parked request can use the member's current session (OIDC Core §3.1.2.1): not with
 * {@code prompt=login}, not when the sign-in is older than {@code max_age}, and not when
 * {@code acr_values} asks for LoA 3 and the session was opened with a password only (step-up).
 */
public final class InteractionRequirements {
    private InteractionRequirements() {
    }

    public static boolean sessionSatisfies(ValidatedAuthorizationRequest request, Optional<BrowserSession> session,
                                           Instant now) {
        return session.isPresent() && !request.prompts("login") && !request.prompts("select_account")
                && fresh(request, session.get(), now)
                && strongEnough(request, session.get());
    }

    /** The same checks without {@code prompt=login}, which a sign-in made for this very request satisfies. */
    public static boolean sessionStillSatisfies(ValidatedAuthorizationRequest request, BrowserSession session,
                                                Instant now) {
        return fresh(request, session, now) && strongEnough(request, session);
    }

    private static boolean fresh(ValidatedAuthorizationRequest request, BrowserSession session, Instant now) {
        return request.maxAge() == null || !session.authTime().plusSeconds(request.maxAge()).isBefore(now);
    }

    private static boolean strongEnough(ValidatedAuthorizationRequest request, BrowserSession session) {
        return !AuthenticationPolicy.LOA3.equals(request.requiredAcr())
                || AuthenticationPolicy.LOA3.equals(AuthenticationPolicy.acrOf(session.amr()));
    }
}
