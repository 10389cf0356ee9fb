package io.kizuna.protocol.oauth2.mtls;

import io.kizuna.policy.Cidr;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The client certificate of the mutual-TLS connection a request came over (RFC 8705 §2, §3): from the
 * servlet container when Kizuna terminates TLS itself ({@code jakarta.servlet.request.X509Certificate}),
 * or from the header a TLS-terminating proxy sets — read only when the connection's TCP peer is one of
 * {@code kizuna.mtls.trusted-proxies}, so nobody else can claim a certificate by sending the header.
 * Whether the chain is trusted is the TLS terminator's decision (RFC 8705 §2.1); Kizuna checks what the
 * certificate says against the client's registration.
 */
@Component
@EnableConfigurationProperties(MtlsProperties.class)
public class ClientCertificates {
    /** Set by the server's container valve: the connection's TCP peer, before any forwarded-header rewrite. */
    public static final String PEER_ADDRESS_ATTRIBUTE = "io.kizuna.peer-address";
    static final String SERVLET_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
    static final int MAX_HEADER = 16 * 1024;

    private final MtlsProperties properties;
    private final List<Cidr> trusted;

    public ClientCertificates(MtlsProperties properties) {
        this.properties = properties;
        this.trusted = properties.trustedProxies().stream().map(Cidr::parse).toList();
    }

    public Optional<X509Certificate> of(HttpServletRequest request) {
        if (request.getAttribute(SERVLET_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0) {
            return Optional.of(chain[0]);
        }
        if (properties.certificateHeader() == null) {
            return Optional.empty();
        }
        String header = request.getHeader(properties.certificateHeader());
        if (header == null || header.isBlank() || header.length() > MAX_HEADER) {
            return Optional.empty();
        }
        Object peer = request.getAttribute(PEER_ADDRESS_ATTRIBUTE);
        String peerAddress = peer instanceof String s ? s : request.getRemoteAddr();
        if (trusted.stream().noneMatch(cidr -> cidr.contains(peerAddress))) {
            return Optional.empty();
        }
        return parse(header);
    }

    /**
     * RFC 8705 §3.2: whether the request came with a client certificate whose {@code x5t#S256} is
     * {@code x5tS256} — what a protected resource checks before accepting a certificate-bound token.
     */
    public boolean presents(HttpServletRequest request, String x5tS256) {
        return of(request).map(ClientCertificates::thumbprint)
                .filter(presented -> java.security.MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.US_ASCII), x5tS256.getBytes(StandardCharsets.US_ASCII)))
                .isPresent();
    }

    /** URL-encoded PEM (nginx {@code $ssl_client_escaped_cert}), PEM, or base64 DER; empty when none of them. */
    static Optional<X509Certificate> parse(String header) {
        String value = header.strip();
        if (value.contains("%")) {
            try {
                value = URLDecoder.decode(value, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        byte[] bytes;
        if (value.contains("-----BEGIN CERTIFICATE-----")) {
            String body = value.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "")
                    .replaceAll("\\s+", "");
            bytes = decode(body);
        } else {
            bytes = decode(value.replaceAll("\\s+", ""));
        }
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes)));
        } catch (CertificateException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** RFC 8705 §3.1: {@code x5t#S256}, base64url of the SHA-256 of the certificate's DER. */
    public static String thumbprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate always encodes", e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
