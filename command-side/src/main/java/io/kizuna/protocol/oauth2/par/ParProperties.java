package io.kizuna.protocol.oauth2.par;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code kizuna.par} (RFC 9126).
 *
 * @param required        every authorization request must be pushed first (RFC 9126 §5,
 *                        {@code require_pushed_authorization_requests} in the metadata); default false
 * @param requestLifetime how long a {@code request_uri} stays usable (RFC 9126 §2.2 {@code expires_in});
 *                        default 60 seconds
 */
@ConfigurationProperties(prefix = "kizuna.par")
public record ParProperties(boolean required, Duration requestLifetime) {
    public ParProperties {
        if (requestLifetime == null) {
            requestLifetime = Duration.ofSeconds(60);
        }
        if (requestLifetime.isNegative() || requestLifetime.isZero() || requestLifetime.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("kizuna.par.request-lifetime must be between 1 second and 10 minutes");
        }
    }
}
