package io.kizuna.api.grant;

/**
 * What a grant command decided. A refusal that must still be recorded (code replay, refresh-token
 * reuse: RFC 9700 §4.14, §4.5) cannot be an exception, because the events revoking the grant would
 * roll back with it; such commands return an outcome instead.
 *
 * @param error OAuth error code ({@code invalid_grant}) or null when accepted
 */
public record GrantOutcome(String error, String description) {
    public static final GrantOutcome ACCEPTED = new GrantOutcome(null, null);

    public static GrantOutcome refused(String error, String description) {
        return new GrantOutcome(error, description);
    }

    public boolean accepted() {
        return error == null;
    }
}
