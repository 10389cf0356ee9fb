package io.kizuna.client;

import io.kizuna.api.LedgerRejection;
import java.net.URI;

/**
 * What the member is shown about a client where they decide — the sign-in page of an authorization request
 * and the consent page — beyond its name and {@code client_uri}: OpenID Connect Dynamic Client Registration
 * 1.0 §2 and RFC 7591 §2 {@code logo_uri} (shown as an image), {@code policy_uri} and {@code tos_uri}
 * (shown as links). All optional; a client that registers none looks as before.
 *
 * <p>The values end up in {@code src}/{@code href} attributes of our own pages and, for the logo, in the
 * page's Content-Security-Policy, so they are held to strict rules ({@link #checkUri}): absolute https URLs
 * with a host, no user info, at most {@value #MAX_URI} characters, no white space or control characters;
 * http only to a loopback host ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) and only when the server
 * itself runs on http (the embedded {@code ./kizuna run} and the tests, as for CIBA notification endpoints).
 * Language-tagged variants ({@code logo_uri#ja}, RFC 7591 §2.2) are not supported: Kizuna has no notion of
 * them yet, and §2.2 lets a server ignore them.
 */
public record ClientPresentation(String logoUri, String policyUri, String tosUri) {
    public static final ClientPresentation NONE = new ClientPresentation(null, null, null);
    /** Short enough for a header and a URL bar; the registration endpoint caps any value at 2048 already. */
    public static final int MAX_URI = 2000;

    public ClientPresentation {
        logoUri = blankToNull(logoUri);
        policyUri = blankToNull(policyUri);
        tosUri = blankToNull(tosUri);
    }

    public static ClientPresentation of(io.kizuna.api.client.ClientPresentationChanged e) {
        return new ClientPresentation(e.logoUri(), e.policyUri(), e.tosUri());
    }

    /** {@code invalid_client_metadata} (RFC 7591 §3.2.2) unless every registered URL passes {@link #checkUri}. */
    public void check(boolean allowLoopbackHttp) {
        checkUri("logo_uri", logoUri, allowLoopbackHttp);
        checkUri("policy_uri", policyUri, allowLoopbackHttp);
        checkUri("tos_uri", tosUri, allowLoopbackHttp);
    }

    /**
     * The rule for a URL the member is shown (OIDC DCR §2 {@code logo_uri}, {@code client_uri},
     * {@code policy_uri}, {@code tos_uri}); null passes. Refuses anything but https (see the class comment),
     * so {@code javascript:}, {@code data:} and the like never reach a page.
     */
    public static void checkUri(String member, String value, boolean allowLoopbackHttp) {
        if (value == null || value.isBlank()) {
            return;
        }
        String rule = member + " must be an absolute https URL with a host, without user info, of at most "
                + MAX_URI + " characters (OIDC DCR §2, RFC 7591 §2)";
        if (value.length() > MAX_URI || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new LedgerRejection("invalid_client_metadata", rule);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (Exception e) {
            throw new LedgerRejection("invalid_client_metadata", rule);
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
                || !ClientUrls.httpsOrLoopbackHttp(uri, allowLoopbackHttp)) {
            throw new LedgerRejection("invalid_client_metadata", rule);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
