package io.kizuna.server.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Ports of the demo service sites ({@code kizuna.demo.www-port}, {@code kizuna.demo.shop-port},
 * {@code kizuna.demo.another-port}). "www" and "shop" are served as {@code http://localhost:PORT};
 * "another-domain" as {@code http://127.0.0.1:PORT}, a different host, so that its pages and cookies share
 * nothing with Kizuna's at {@code localhost} — single sign-on across domains.
 */
@Component
public class DemoSiteSettings {
    private final int wwwPort;
    private final int shopPort;
    private final int anotherPort;

    public DemoSiteSettings(@Value("${kizuna.demo.www-port:8081}") int wwwPort,
                            @Value("${kizuna.demo.shop-port:8082}") int shopPort,
                            @Value("${kizuna.demo.another-port:8083}") int anotherPort) {
        this.wwwPort = wwwPort;
        this.shopPort = shopPort;
        this.anotherPort = anotherPort;
    }

    /** The origin of the "another-domain" demo site: another host than Kizuna's {@code localhost}. */
    public String anotherOrigin() {
        return "http://127.0.0.1:" + anotherPort;
    }

    public int anotherPort() {
        return anotherPort;
    }

    public int wwwPort() {
        return wwwPort;
    }

    public int shopPort() {
        return shopPort;
    }
}
