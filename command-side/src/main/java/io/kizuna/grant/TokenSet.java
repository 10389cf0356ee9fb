package io.kizuna.grant;

import io.kizuna.api.grant.GrantOutcome;
import java.time.Instant;
import java.util.List;

/**
 * What a grant command hands back to the token endpoint: the decision and, when accepted, the token
 * values. They exist only in this return value, never in an event.
 */
public record TokenSet(GrantOutcome outcome,
                       String accessToken,
                       Instant accessTokenExpiresAt,
                       String refreshToken,
                       String idToken,
                       List<String> scopes) {

    static TokenSet refused(GrantOutcome outcome) {
        return new TokenSet(outcome, null, null, null, null, List.of());
    }

    public boolean accepted() {
        return outcome.accepted();
    }
}
