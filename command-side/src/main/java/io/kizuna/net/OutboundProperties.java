package io.kizuna.net;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code kizuna.outbound}: the calls this server makes to URLs its clients registered.
 *
 * @param allowedHosts host names (exact, case-insensitive) that may be called although they resolve to a
 *                     loopback, private, link-local or otherwise internal address; e.g.
 *                     {@code localhost.emobix.co.uk} for the OpenID conformance suite run on one machine, or
 *                     {@code localhost} while developing a client on the same machine. Empty by default:
 *                     internal addresses are never called.
 */
@ConfigurationProperties(prefix = "kizuna.outbound")
public record OutboundProperties(List<String> allowedHosts) {
    public OutboundProperties {
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    public boolean allowsInternal(String host) {
        return host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }
}
