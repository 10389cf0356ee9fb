package io.kizuna.protocol.oauth2.authorization;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code kizuna.request-uri}: fetching request objects by reference (OIDC Core §6.2,
 * RFC 9101 §5.2).
 *
 * @param allowedHosts host names (exact, case-insensitive) that may be fetched even though they resolve to
 *                     a loopback, private, link-local or otherwise internal address (RFC 9101 §10.4.1,
 *                     SSRF); e.g. {@code localhost.emobix.co.uk} for the OpenID conformance suite run on
 *                     one machine. Empty by default: internal addresses are never fetched.
 * @param allowHttp    accept and fetch {@code http} request_uris (tests and local development only);
 *                     default false: https only
 * @param timeout      connect and read timeout of each fetch; default 2 seconds
 * @param sizeLimit    the largest request object fetched, in bytes; default 64 KiB
 */
@ConfigurationProperties(prefix = "kizuna.request-uri")
public record RequestUriProperties(List<String> allowedHosts, boolean allowHttp, Duration timeout, Integer sizeLimit) {
    public RequestUriProperties {
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("kizuna.request-uri.timeout must be between 1 ms and 30 seconds");
        }
        sizeLimit = sizeLimit == null ? 65_536 : sizeLimit;
        if (sizeLimit < 1_024 || sizeLimit > 1_048_576) {
            throw new IllegalArgumentException("kizuna.request-uri.size-limit must be between 1 KiB and 1 MiB");
        }
    }

    public boolean allowsInternal(String host) {
        return host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }
}
