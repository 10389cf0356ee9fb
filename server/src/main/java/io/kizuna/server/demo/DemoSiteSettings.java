package io.kizuna.server.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Ports of the demo service sites ({@code kizuna.demo.www-port}, {@code kizuna.demo.shop-port}). */
@Component
public class DemoSiteSettings {
    private final int wwwPort;
    private final int shopPort;

    public DemoSiteSettings(@Value("${kizuna.demo.www-port:8081}") int wwwPort,
                            @Value("${kizuna.demo.shop-port:8082}") int shopPort) {
        this.wwwPort = wwwPort;
        this.shopPort = shopPort;
    }

    public int wwwPort() {
        return wwwPort;
    }

    public int shopPort() {
        return shopPort;
    }
}
