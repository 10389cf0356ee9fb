package io.kizuna.server.tls;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code kizuna.tls}: Kizuna terminating TLS itself on a second, HTTPS connector beside the
 * plain HTTP one (which stays for a TLS-terminating proxy, health checks and local use).
 *
 * @param enabled          whether the HTTPS connector is started
 * @param port             its port (default 8443)
 * @param keystore         path of the PKCS#12 keystore holding the server's private key and certificate chain
 * @param keystorePassword the keystore's password (also the key's, as PKCS#12 has one)
 * @param clientAuth       {@code want} (default): ask every client for a certificate during the handshake and
 *                         hand whatever it presents to the application (RFC 8705 §2, §3 — the application
 *                         decides what a certificate is worth); {@code none}: never ask
 */
@ConfigurationProperties(prefix = "kizuna.tls")
public record TlsProperties(boolean enabled, Integer port, String keystore, String keystorePassword,
                            String clientAuth) {
    public static final int DEFAULT_PORT = 8443;

    public TlsProperties {
        port = port == null ? DEFAULT_PORT : port;
        clientAuth = clientAuth == null || clientAuth.isBlank() ? "want" : clientAuth.strip().toLowerCase();
        if (enabled) {
            if (keystore == null || keystore.isBlank()) {
                throw new IllegalArgumentException("kizuna.tls.enabled needs kizuna.tls.keystore (a PKCS#12 file)");
            }
            if (!clientAuth.equals("want") && !clientAuth.equals("none")) {
                throw new IllegalArgumentException("kizuna.tls.client-auth must be want or none, not " + clientAuth);
            }
        }
    }

    public boolean wantsClientCertificates() {
        return "want".equals(clientAuth);
    }
}
