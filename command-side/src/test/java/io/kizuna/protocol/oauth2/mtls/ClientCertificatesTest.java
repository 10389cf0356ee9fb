package io.kizuna.protocol.oauth2.mtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Where the mutual-TLS client certificate comes from (RFC 8705 §2), and who may say so. */
class ClientCertificatesTest {
    static final String HEADER = "X-SSL-Client-Cert";

    static String pem(String name) throws Exception {
        return Files.readString(Path.of(ClientCertificatesTest.class.getResource("/mtls/" + name + ".pem").toURI()));
    }

    static X509Certificate certificate(String name) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem(name).getBytes(StandardCharsets.US_ASCII)));
    }

    ClientCertificates behindProxy(String... trusted) {
        return new ClientCertificates(new MtlsProperties(HEADER, List.of(trusted), null));
    }

    MockHttpServletRequest fromPeer(String peer, String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
        request.setRemoteAddr("203.0.113.9");
        request.setAttribute(ClientCertificates.PEER_ADDRESS_ATTRIBUTE, peer);
        if (header != null) {
            request.addHeader(HEADER, header);
        }
        return request;
    }

    @Test
    @DisplayName("RFC 8705 §2: a certificate from the container's own TLS handshake is taken as is")
    void requestWhenContainerTerminatedTlsThenItsCertificate() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute("jakarta.servlet.request.X509Certificate", new X509Certificate[] {certificate("client-a")});
        assertThat(new ClientCertificates(new MtlsProperties(null, List.of(), null)).of(request))
                .contains(certificate("client-a"));
    }

    @Test
    @DisplayName("RFC 8705 §2: a trusted proxy's header is read as nginx's URL-encoded PEM, plain PEM or base64 DER")
    void requestWhenTrustedProxyHeaderThenCertificateInEachEncoding() throws Exception {
        X509Certificate expected = certificate("client-a");
        String pem = pem("client-a");
        ClientCertificates certificates = behindProxy("127.0.0.1/32", "10.0.0.0/8");
        assertThat(certificates.of(fromPeer("127.0.0.1", URLEncoder.encode(pem, StandardCharsets.UTF_8))))
                .contains(expected);
        assertThat(certificates.of(fromPeer("10.1.2.3", pem.replace('\n', ' ')))).contains(expected);
        assertThat(certificates.of(fromPeer("10.1.2.3", Base64.getEncoder().encodeToString(expected.getEncoded()))))
                .contains(expected);
    }

    @Test
    @DisplayName("RFC 8705 §7.1: the header from any other peer is ignored, whatever the forwarded remote address says")
    void requestWhenUntrustedPeerThenHeaderIgnored() throws Exception {
        String pem = pem("client-a");
        assertThat(behindProxy("127.0.0.1/32").of(fromPeer("198.51.100.7", pem))).isEmpty();
        MockHttpServletRequest forwarded = fromPeer("198.51.100.7", pem);
        forwarded.setRemoteAddr("127.0.0.1");
        assertThat(behindProxy("127.0.0.1/32").of(forwarded)).isEmpty();
        assertThat(new ClientCertificates(new MtlsProperties(null, List.of("0.0.0.0/0"), null))
                .of(fromPeer("127.0.0.1", pem))).as("no header configured, none read").isEmpty();
    }

    @Test
    @DisplayName("a broken or oversized header is no certificate, never an exception")
    void requestWhenHeaderBrokenThenNoCertificate() throws Exception {
        ClientCertificates certificates = behindProxy("127.0.0.1/32");
        assertThat(certificates.of(fromPeer("127.0.0.1", "-----BEGIN CERTIFICATE-----AAAA-----END CERTIFICATE-----")))
                .isEmpty();
        assertThat(certificates.of(fromPeer("127.0.0.1", "%zz%"))).isEmpty();
        assertThat(certificates.of(fromPeer("127.0.0.1", "not base64 !"))).isEmpty();
        assertThat(certificates.of(fromPeer("127.0.0.1", "A".repeat(20_000)))).isEmpty();
    }

    @Test
    @DisplayName("RFC 8705 §3.1: x5t#S256 is the base64url SHA-256 of the certificate's DER")
    void thumbprintWhenComputedThenSha256OfDer() throws Exception {
        X509Certificate certificate = certificate("client-a");
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        assertThat(ClientCertificates.thumbprint(certificate)).isEqualTo(expected).hasSize(43)
                .isNotEqualTo(ClientCertificates.thumbprint(certificate("client-b")));
    }
}
