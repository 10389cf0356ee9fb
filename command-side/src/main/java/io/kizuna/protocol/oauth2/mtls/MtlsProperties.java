package io.kizuna.protocol.oauth2.mtls;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code kizuna.mtls} (RFC 8705): where the client's TLS certificate comes from when
 * Kizuna does not terminate TLS itself.
 *
 * @param certificateHeader the request header in which a TLS-terminating proxy forwards the client
 *                          certificate (e.g. nginx's {@code $ssl_client_escaped_cert} as
 *                          {@code X-SSL-Client-Cert}: URL-encoded PEM; plain PEM and base64 DER are read
 *                          too); unset means no header is ever read
 * @param trustedProxies    CIDR ranges of the proxies allowed to send that header, matched against the
 *                          TCP peer of the connection (not a forwarded address); empty means none
 * @param endpointBase      base URL of the host that asks for client certificates, when it differs from
 *                          the issuer: published as {@code mtls_endpoint_aliases} (RFC 8705 §5)
 */
@ConfigurationProperties(prefix = "kizuna.mtls")
public record MtlsProperties(String certificateHeader, List<String> trustedProxies, String endpointBase) {
    public MtlsProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        if (certificateHeader != null && certificateHeader.isBlank()) {
            certificateHeader = null;
        }
        if (endpointBase != null && endpointBase.isBlank()) {
            endpointBase = null;
        }
        if (endpointBase != null && endpointBase.endsWith("/")) {
            endpointBase = endpointBase.substring(0, endpointBase.length() - 1);
        }
    }
}
