package io.kizuna.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test application context at the shared {@link TestPlatform}, with fixed free ports for the
 * server and the two demo sites (the issuer URL and the demo redirect URIs must be known up front).
 */
public class TestPlatformInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new HashMap<>(TestPlatform.get().springProperties());
        int port = freePort();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        properties.put("server.port", port);
        properties.put("kizuna.issuer", "http://localhost:" + port);
        properties.put("kizuna.master-key", Base64.getEncoder().encodeToString(key));
        byte[] pseudonymKey = new byte[32];
        new SecureRandom().nextBytes(pseudonymKey);
        properties.put("kizuna.analytics.pseudonym-key", Base64.getEncoder().encodeToString(pseudonymKey));
        // analytics: the tests' browsers and HTTP clients sign in from loopback, placed in one region
        properties.put("kizuna.regions.networks[JP-13]", "127.0.0.0/8,::1/128");
        properties.put("kizuna.demo.www-port", freePort());
        properties.put("kizuna.demo.shop-port", freePort());
        properties.put("kizuna.demo.another-port", freePort());
        // Kizuna terminating TLS itself (kizuna.tls.*) on a second connector, for CertificateBoundTokensIT
        properties.put("kizuna.tls.enabled", true);
        properties.put("kizuna.tls.port", freePort());
        properties.put("kizuna.tls.keystore", TlsTestKeys.serverKeystore().toString());
        properties.put("kizuna.tls.keystore-password", TlsTestKeys.PASSWORD);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("kizuna-test-platform", properties));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
