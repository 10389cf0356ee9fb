package io.kizuna.ui.web;

import io.kizuna.api.authorization.AuthorizationRequestService.PendingAuthorization;
import java.net.URI;
import java.util.Locale;

/**
 * What a page shows about the client of an authorization request where the member decides (sign-in and
 * consent): its name, and the URLs it registered (OpenID Connect Dynamic Client Registration 1.0 §2,
 * RFC 7591 §2) — {@code client_uri} ({@code siteUri}), {@code logo_uri}, {@code policy_uri}, {@code tos_uri}.
 *
 * <p>The registration accepts only https URLs (http only to a loopback host on an http server), but the
 * page checks again: a URL that is not an absolute http(s) URL with a host and without user info is left
 * out (null), so nothing stored before the rule existed can become a {@code javascript:} link. The logo's
 * origin ({@link #logoOrigin}) is the one source {@link PageHeaders} adds to the page's {@code img-src}; no
 * other directive is touched.
 */
public record ClientDisplay(String name, String siteUri, String logoUri, String policyUri, String tosUri) {
    /** The model attribute under which pages carry it. */
    public static final String MODEL = "clientDisplay";
    /** The model attribute of a page that names several clients (the CIBA approval list). */
    public static final String MODEL_LIST = "clientDisplays";

    public static ClientDisplay of(PendingAuthorization pending) {
        return of(pending.clientName(), pending.siteUri(), pending.links());
    }

    /** The same for any page that names a client (the RFC 8628 device confirmation page, say). */
    public static ClientDisplay of(String name, String siteUri,
                                   io.kizuna.api.authorization.AuthorizationRequestService.ClientLinks links) {
        var l = links == null ? io.kizuna.api.authorization.AuthorizationRequestService.ClientLinks.NONE : links;
        return new ClientDisplay(name, safe(siteUri), safe(l.logoUri()), safe(l.policyUri()), safe(l.tosUri()));
    }

    public boolean hasLinks() {
        return policyUri != null || tosUri != null;
    }

    /** {@code scheme://host[:port]} of the logo, for {@code img-src}; null without a (showable) logo. */
    public String logoOrigin() {
        if (logoUri == null) {
            return null;
        }
        URI uri = URI.create(logoUri);
        String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        return SecurityHeadersFilter.isOrigin(origin) ? origin : null;
    }

    /** The URL when it is an absolute http(s) URL with a host, printable ASCII, no user info; else null. */
    static String safe(String value) {
        if (value == null || value.isBlank() || value.length() > 2000
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return ("https".equals(scheme) || "http".equals(scheme)) && uri.getHost() != null
                    && uri.getRawUserInfo() == null ? value : null;
        } catch (Exception e) {
            return null;
        }
    }
}
