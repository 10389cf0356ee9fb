package io.kizuna.server.tls;

import java.util.List;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Kizuna terminating TLS itself ({@code kizuna.tls.enabled}): an HTTPS Tomcat connector beside the plain one,
 * serving the same application.
 *
 * <ul>
 *   <li>TLS 1.2 and 1.3 only (FAPI 1.0 Advanced §8.5 item 1 / FAPI 2.0 Security Profile §5.2.1: TLS 1.2 or
 *       later; BCP 195).</li>
 *   <li>For TLS 1.2 only the cipher suites FAPI 1.0 Advanced §8.5 item 2 permits —
 *       {@code TLS_DHE_RSA_WITH_AES_128_GCM_SHA256}, {@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256},
 *       {@code TLS_DHE_RSA_WITH_AES_256_GCM_SHA384}, {@code TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384} — plus
 *       their ECDSA twins for servers with an EC key (the same forward-secret AEAD construction, as FAPI 2.0
 *       §5.2.1 / BCP 195 recommends); TLS 1.3's own suites are all AEAD.</li>
 *   <li>With {@code kizuna.tls.client-auth=want} a client certificate is requested in every handshake but
 *       not required, and not checked against any CA ({@link AnyClientCertificate}): mutual-TLS client
 *       authentication (RFC 8705 §2) and certificate binding (§3) decide in the application, which reads the
 *       certificate from {@code jakarta.servlet.request.X509Certificate} before any proxy header.</li>
 * </ul>
 */
@Component
@EnableConfigurationProperties(TlsProperties.class)
public class HttpsConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    /** TLS 1.3 (RFC 8446 §9.1 and the optional ChaCha20 suite), then the TLS 1.2 suites FAPI permits. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
    public static final String PROTOCOLS = "TLSv1.2+TLSv1.3";

    private final TlsProperties properties;

    public HttpsConnector(TlsProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (properties.enabled()) {
            factory.addAdditionalTomcatConnectors(connector());
        }
    }

    Connector connector() {
        Connector connector = new Connector(Http11NioProtocol.class.getName());
        connector.setPort(properties.port());
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("SSLEnabled", "true");

        SSLHostConfig tls = new SSLHostConfig();
        tls.setProtocols(PROTOCOLS);
        tls.setCiphers(String.join(",", CIPHER_SUITES));
        tls.setHonorCipherOrder(true);
        if (properties.wantsClientCertificates()) {
            // "optional": ask for a certificate, go on without one; the trust manager takes any certificate
            tls.setCertificateVerification("optional");
            tls.setTrustManagerClassName(AnyClientCertificate.class.getName());
        } else {
            tls.setCertificateVerification("none");
        }
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(tls, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystoreFile(properties.keystore());
        if (properties.keystorePassword() != null) {
            certificate.setCertificateKeystorePassword(properties.keystorePassword());
        }
        certificate.setCertificateKeystoreType("PKCS12");
        tls.addCertificate(certificate);
        connector.addSslHostConfig(tls);
        return connector;
    }
}
