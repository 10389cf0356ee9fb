package io.kizuna.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The server-side request forgery guard (RFC 9101 §10.4.1, RFC 7591 §5, OWASP SSRF) for every URL a client
 * registers and this server then calls on its own: {@code jwks_uri} (RFC 7591 §2, for encryption keys and
 * {@code private_key_jwt} signature keys), {@code backchannel_logout_uri} (Back-Channel Logout §2.2) and
 * {@code backchannel_client_notification_endpoint} (CIBA §10.2). A registration must not turn the server
 * into a probe of its own network: a host that resolves to a loopback, private (RFC 1918), link-local
 * (cloud metadata at 169.254.169.254), unique-local (RFC 4193), shared (RFC 6598), unspecified, reserved or
 * multicast address is refused unless it is named in {@code kizuna.outbound.allowed-hosts}
 * ({@link OutboundProperties}). {@code request_uri} fetching applies the same address rule with its own
 * allow-list ({@code kizuna.request-uri.allowed-hosts}).
 *
 * <p>The check runs on the addresses the host resolves to right before each call; a DNS answer that changes
 * between this check and the connection (rebinding) is not caught. Callers never follow redirects, so a
 * public URL cannot bounce the call inward.
 */
@Component
@EnableConfigurationProperties(OutboundProperties.class)
public class OutboundGuard {
    private final OutboundProperties properties;
    private final String setting;

    @org.springframework.beans.factory.annotation.Autowired
    public OutboundGuard(OutboundProperties properties) {
        this(properties, "kizuna.outbound.allowed-hosts");
    }

    private OutboundGuard(OutboundProperties properties, String setting) {
        this.properties = properties;
        this.setting = setting;
    }

    /** The same rule with another allow-list, named {@code setting} in refusals (request_uri fetching). */
    public static OutboundGuard withAllowList(java.util.List<String> allowedHosts, String setting) {
        return new OutboundGuard(new OutboundProperties(allowedHosts), setting);
    }

    /** Refuses {@code uri} when its host is internal and not allowed; {@link Refused} says why. */
    public void check(URI uri) throws Refused {
        String host = uri.getHost();
        if (host == null) {
            throw new Refused("the URL has no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (properties.allowsInternal(host)) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("the host cannot be resolved");
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                throw new Refused("the host resolves to a loopback, private or link-local address, which this "
                        + "server never calls (" + setting + ")");
            }
        }
    }

    /** Addresses of the server's own network rather than of a client's web site. */
    public static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // RFC 6598 shared space
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // RFC 6890 IETF protocol assignments
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // RFC 4193 unique local
        }
        return false;
    }

    /** A call the guard refused (an {@link IOException}, so that callers treat it as an unreachable URL). */
    public static final class Refused extends IOException {
        public Refused(String message) {
            super(message);
        }
    }
}
