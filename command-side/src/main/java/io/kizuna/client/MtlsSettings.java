package io.kizuna.client;

import io.kizuna.api.client.ClientMtlsSettingsChanged;
import io.kizuna.ledger.Rules;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;

/**
 * A client's mutual-TLS settings (RFC 8705 §2.1.2 metadata): which certificate identifies a
 * {@code tls_client_auth} client — exactly one of {@code tls_client_auth_subject_dn},
 * {@code tls_client_auth_san_dns}, {@code tls_client_auth_san_uri}, {@code tls_client_auth_san_ip},
 * {@code tls_client_auth_san_email} — and {@code tls_client_certificate_bound_access_tokens} (§3.4).
 */
public record MtlsSettings(String subjectDn, String sanDns, String sanUri, String sanIp, String sanEmail,
                           boolean certificateBoundAccessTokens) {
    public static final MtlsSettings NONE = new MtlsSettings(null, null, null, null, null, false);
    static final int MAX_LENGTH = 1024;
    /** X.509 GeneralName tags (RFC 5280 §4.2.1.6). */
    private static final int RFC822 = 1;
    private static final int DNS = 2;
    private static final int URI = 6;
    private static final int IP = 7;

    public static MtlsSettings of(ClientMtlsSettingsChanged e) {
        return new MtlsSettings(e.subjectDn(), e.sanDns(), e.sanUri(), e.sanIp(), e.sanEmail(),
                e.certificateBoundAccessTokens());
    }

    /** How many certificate identifiers are set (RFC 8705 §2.1.2: a client uses exactly one). */
    public long identifiers() {
        return Stream.of(subjectDn, sanDns, sanUri, sanIp, sanEmail).filter(Objects::nonNull).count();
    }

    /** The aggregate's checks; {@code invalid_client_metadata} (RFC 7591 §3.2.2) on any violation. */
    public void check(String authMethod) {
        for (String value : new String[] {subjectDn, sanDns, sanUri, sanIp, sanEmail}) {
            Rules.require(value == null || (!value.isBlank() && value.length() <= MAX_LENGTH), "invalid_client_metadata",
                    "tls_client_auth_* values must be non-empty and at most " + MAX_LENGTH + " characters");
        }
        if ("tls_client_auth".equals(authMethod)) {
            Rules.require(identifiers() == 1, "invalid_client_metadata",
                    "tls_client_auth needs exactly one of tls_client_auth_subject_dn, tls_client_auth_san_dns, "
                            + "tls_client_auth_san_uri, tls_client_auth_san_ip, tls_client_auth_san_email (RFC 8705 "
                            + "section 2.1.2)");
        } else {
            Rules.require(identifiers() == 0, "invalid_client_metadata",
                    "tls_client_auth_* values belong only to clients using tls_client_auth (RFC 8705 section 2.1.2)");
        }
        if (subjectDn != null) {
            try {
                new X500Principal(subjectDn);
            } catch (IllegalArgumentException e) {
                throw new io.kizuna.api.LedgerRejection("invalid_client_metadata",
                        "tls_client_auth_subject_dn is not an RFC 4514 distinguished name");
            }
        }
        if (sanIp != null) {
            Rules.require(sanIp.matches("[0-9a-fA-F:.]+"), "invalid_client_metadata",
                    "tls_client_auth_san_ip must be an IPv4 or IPv6 address (RFC 8705 section 2.1.2)");
        }
    }

    /**
     * RFC 8705 §2.1.2: the certificate carries the registered identifier — the subject DN compared as
     * RFC 4514 names (so spacing and case of attribute types do not matter), a SAN entry compared exactly
     * (DNS names case-insensitively, IP addresses as addresses).
     */
    public boolean matches(X509Certificate certificate) {
        if (subjectDn != null) {
            try {
                return new X500Principal(subjectDn).equals(certificate.getSubjectX500Principal());
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        List<List<?>> names = alternativeNames(certificate);
        if (sanDns != null) {
            return names.stream().anyMatch(n -> tag(n) == DNS && sanDns.equalsIgnoreCase(String.valueOf(n.get(1))));
        }
        if (sanUri != null) {
            return names.stream().anyMatch(n -> tag(n) == URI && sanUri.equals(n.get(1)));
        }
        if (sanEmail != null) {
            return names.stream().anyMatch(n -> tag(n) == RFC822 && sanEmail.equals(n.get(1)));
        }
        if (sanIp != null) {
            return names.stream().anyMatch(n -> tag(n) == IP && sameAddress(sanIp, String.valueOf(n.get(1))));
        }
        return false;
    }

    private static int tag(List<?> name) {
        return name.get(0) instanceof Integer i ? i : -1;
    }

    private static List<List<?>> alternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : List.copyOf(names);
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static boolean sameAddress(String a, String b) {
        if (!a.matches("[0-9a-fA-F:.]+") || !b.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            // literals only (checked above): no name resolution
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
