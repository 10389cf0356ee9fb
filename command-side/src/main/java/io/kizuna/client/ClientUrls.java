package io.kizuna.client;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The scheme rule several client URLs share (CIBA notification endpoint, front-channel logout URI, logo,
 * policy and terms URLs): https, or http to a loopback host ({@code localhost}, {@code 127.0.0.1},
 * {@code [::1]}) only while the server itself runs on http ({@link BackchannelSettings#loopbackHttpAllowed}:
 * the embedded {@code ./kizuna run} and the tests).
 */
final class ClientUrls {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private ClientUrls() {
    }

    static boolean httpsOrLoopbackHttp(URI uri, boolean allowLoopbackHttp) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        return "https".equals(scheme) || ("http".equals(scheme) && allowLoopbackHttp && host != null
                && LOOPBACK.contains(host.toLowerCase(Locale.ROOT)));
    }
}
