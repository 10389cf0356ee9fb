package io.kizuna.client;

import io.kizuna.api.LedgerRejection;
import io.kizuna.ledger.Rules;
import io.kizuna.signingkey.EncryptionKeyAlgorithms;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A client's request-object metadata (OIDC Dynamic Client Registration 1.0 §2):
 * <ul>
 *   <li>{@code request_uris}: the https URLs from which this server may fetch the client's request objects
 *       (OIDC Core §6.2, RFC 9101 §5.2). The discovery document says
 *       {@code require_request_uri_registration: true}: a {@code request_uri} is fetched only when it equals
 *       a registered one, both compared without their fragment (OIDC DCR §2 lets the fragment carry a hash
 *       of the content). No prefix matching: a prefix would let anything the client's web server hosts
 *       under that path — including content an attacker managed to place there — be treated as the
 *       client's request.</li>
 *   <li>{@code request_object_encryption_alg} / {@code _enc}: the client encrypts its request objects to
 *       this server's {@code use: enc} key (OIDC Core §6.1, RFC 9101 §6.1); {@code _enc} defaults to
 *       A128CBC-HS256 (OIDC DCR §2). Once the alg is registered, Kizuna refuses request objects that are
 *       not encrypted — stricter than OIDC DCR §2, which lets the client still send plain ones: a client
 *       that declared encryption is protected from a request object that went out in the clear. Any
 *       supported alg/enc is accepted, not only the registered pair (OIDC DCR §2 allows others).</li>
 * </ul>
 */
public record RequestObjectSettings(List<String> requestUris,
                                    String requestObjectEncryptionAlg,
                                    String requestObjectEncryptionEnc) {
    public static final RequestObjectSettings NONE = new RequestObjectSettings(List.of(), null, null);
    /** OIDC DCR §2: the default content encryption once {@code request_object_encryption_alg} is given. */
    public static final String DEFAULT_ENC = "A128CBC-HS256";
    static final int MAX_URIS = 20;
    /** OIDC Core §6.2: "The entire Request URI SHOULD NOT exceed 512 ASCII characters." */
    public static final int MAX_URI = 512;

    public RequestObjectSettings {
        requestUris = requestUris == null ? List.of() : List.copyOf(requestUris);
        requestObjectEncryptionAlg = blankToNull(requestObjectEncryptionAlg);
        requestObjectEncryptionEnc = blankToNull(requestObjectEncryptionEnc);
    }

    public boolean requiresEncryption() {
        return requestObjectEncryptionAlg != null;
    }

    /** The effective registered content encryption, null when none is registered. */
    public String encOrDefault() {
        return requestObjectEncryptionAlg == null ? null
                : requestObjectEncryptionEnc == null ? DEFAULT_ENC : requestObjectEncryptionEnc;
    }

    /** Whether {@code requestUri} (its fragment ignored) equals a registered request_uri (its fragment ignored). */
    public boolean registers(String requestUri) {
        String wanted = withoutFragment(requestUri);
        return requestUris.stream().map(RequestObjectSettings::withoutFragment).anyMatch(wanted::equals);
    }

    public static String withoutFragment(String uri) {
        int hash = uri.indexOf('#');
        return hash < 0 ? uri : uri.substring(0, hash);
    }

    /**
     * The aggregate's checks, {@code invalid_client_metadata} (RFC 7591 §3.2.2) on any violation:
     * absolute https URLs (http only with {@code allowHttp}, for tests and local development) with a
     * host, no user info, no wildcard, at most 512 characters; alg and enc among the supported ones.
     */
    public void check(boolean allowHttp) {
        Rules.require(requestUris.size() <= MAX_URIS, "invalid_client_metadata", "at most " + MAX_URIS + " request_uris");
        for (String value : requestUris) {
            URI uri;
            try {
                uri = new URI(value);
            } catch (Exception e) {
                throw new LedgerRejection("invalid_client_metadata", "a request_uri is not a URI (OIDC DCR §2)");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            Rules.require(uri.isAbsolute() && uri.getHost() != null && uri.getUserInfo() == null
                    && ("https".equals(scheme) || (allowHttp && "http".equals(scheme))), "invalid_client_metadata",
                    "request_uris must be absolute https URLs with a host and without user info (OIDC Core §6.2)");
            Rules.require(value.length() <= MAX_URI, "invalid_client_metadata",
                    "a request_uri must not exceed " + MAX_URI + " characters (OIDC Core §6.2)");
            Rules.require(!value.contains("*"), "invalid_client_metadata",
                    "request_uris are compared exactly; wildcards are not allowed");
        }
        Rules.require(requestObjectEncryptionAlg != null || requestObjectEncryptionEnc == null, "invalid_client_metadata",
                "request_object_encryption_enc requires request_object_encryption_alg (OIDC DCR §2)");
        Rules.require(requestObjectEncryptionAlg == null
                        || EncryptionKeyAlgorithms.JWE_ALGS.contains(requestObjectEncryptionAlg), "invalid_client_metadata",
                "request_object_encryption_alg must be one of " + EncryptionKeyAlgorithms.JWE_ALGS);
        Rules.require(requestObjectEncryptionEnc == null
                        || EncryptionKeyAlgorithms.JWE_ENCS.contains(requestObjectEncryptionEnc), "invalid_client_metadata",
                "request_object_encryption_enc must be one of " + EncryptionKeyAlgorithms.JWE_ENCS);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
