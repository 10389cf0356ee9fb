package io.kizuna.analytics.query;

/** A question asked wrongly: answered with 400 and {@code invalid_request}, never retried as is. */
public class AnalyticsRequestException extends RuntimeException {
    public AnalyticsRequestException(String description) {
        super(description);
    }
}
