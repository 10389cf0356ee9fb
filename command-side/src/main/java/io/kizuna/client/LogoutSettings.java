package io.kizuna.client;

import io.kizuna.api.LedgerRejection;
import io.kizuna.ledger.Rules;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A client's logout metadata (OIDC client metadata, RFC 7591 §2 extensions):
 * {@code post_logout_redirect_uris} (RP-Initiated Logout 1.0 §3.1), {@code backchannel_logout_uri} and
 * {@code backchannel_logout_session_required} (Back-Channel Logout 1.0 §2.2), {@code frontchannel_logout_uri}
 * and {@code frontchannel_logout_session_required} (Front-Channel Logout 1.0 §2).
 */
public record LogoutSettings(List<String> postLogoutRedirectUris,
                             String backchannelLogoutUri,
                             boolean backchannelLogoutSessionRequired,
                             String frontchannelLogoutUri,
                             boolean frontchannelLogoutSessionRequired) {
    public static final LogoutSettings NONE = new LogoutSettings(List.of(), null, false);
    static final int MAX_URIS = 20;
    /** The longest {@code frontchannel_logout_uri} accepted: it is rendered into every sign-out page. */
    static final int MAX_FRONTCHANNEL_URI = 2000;

    public LogoutSettings {
        postLogoutRedirectUris = postLogoutRedirectUris == null ? List.of() : List.copyOf(postLogoutRedirectUris);
        backchannelLogoutUri = backchannelLogoutUri == null || backchannelLogoutUri.isBlank() ? null
                : backchannelLogoutUri;
        frontchannelLogoutUri = frontchannelLogoutUri == null || frontchannelLogoutUri.isBlank() ? null
                : frontchannelLogoutUri;
    }

    /** Without front-channel logout. */
    public LogoutSettings(List<String> postLogoutRedirectUris, String backchannelLogoutUri,
                          boolean backchannelLogoutSessionRequired) {
        this(postLogoutRedirectUris, backchannelLogoutUri, backchannelLogoutSessionRequired, null, false);
    }

    /**
     * The aggregate's checks, {@code invalid_client_metadata} (RFC 7591 §3.2.2) on any violation.
     * Post-logout URIs follow the redirect-URI rules (absolute, no fragment, no wildcard, compared exactly;
     * RP-Initiated Logout §3.1, §4 "no open redirector"); a public client may use http only on a loopback
     * IP literal. The back-channel URI is absolute, without a fragment (Back-Channel Logout §2.2), https —
     * or http for a confidential client, as §2.2 allows. The front-channel URI (Front-Channel Logout §2) is an
     * absolute https URL without a fragment, a query allowed, at most {@value #MAX_FRONTCHANNEL_URI} characters;
     * http only on a loopback host and only while the issuer itself is http ({@code allowLoopbackHttp}, the
     * embedded server and the tests) — the browser loads it from a Kizuna page, and an https page cannot
     * frame an http one anyway.
     */
    void check(boolean isPublic, boolean allowLoopbackHttp) {
        Rules.require(postLogoutRedirectUris.size() <= MAX_URIS, "invalid_client_metadata",
                "at most " + MAX_URIS + " post_logout_redirect_uris");
        for (String value : postLogoutRedirectUris) {
            URI uri = uri(value, "post_logout_redirect_uri");
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            Rules.require(!OAuthClient.FORBIDDEN_SCHEMES.contains(scheme), "invalid_client_metadata",
                    "the " + scheme + " scheme cannot be a post_logout_redirect_uri");
            Rules.require(!value.contains("*"), "invalid_client_metadata",
                    "post_logout_redirect_uris are compared exactly; wildcards are not allowed");
            if (isPublic && "http".equals(scheme)) {
                Rules.require("127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost()),
                        "invalid_client_metadata", "a public client may use http only for a loopback IP literal");
            }
        }
        if (backchannelLogoutUri != null) {
            URI uri = uri(backchannelLogoutUri, "backchannel_logout_uri");
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            Rules.require("https".equals(scheme) || ("http".equals(scheme) && !isPublic), "invalid_client_metadata",
                    "backchannel_logout_uri must use https (http only for confidential clients, Back-Channel "
                            + "Logout §2.2)");
            Rules.require(uri.getHost() != null, "invalid_client_metadata", "backchannel_logout_uri needs a host");
        }
        if (frontchannelLogoutUri != null) {
            Rules.require(frontchannelLogoutUri.length() <= MAX_FRONTCHANNEL_URI, "invalid_client_metadata",
                    "frontchannel_logout_uri must be at most " + MAX_FRONTCHANNEL_URI + " characters");
            URI uri = uri(frontchannelLogoutUri, "frontchannel_logout_uri");
            Rules.require(uri.getHost() != null && uri.getUserInfo() == null, "invalid_client_metadata",
                    "frontchannel_logout_uri needs a host and no user info (Front-Channel Logout §2)");
            Rules.require(ClientUrls.httpsOrLoopbackHttp(uri, allowLoopbackHttp),
                    "invalid_client_metadata", "frontchannel_logout_uri must be an https URL (Front-Channel "
                            + "Logout §2)");
        }
    }

    /** The origin ({@code scheme://host[:port]}) of the front-channel logout URI, for the page's CSP frame-src. */
    public static String origin(String uri) {
        URI parsed = URI.create(uri);
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        return scheme + "://" + parsed.getHost().toLowerCase(Locale.ROOT)
                + (parsed.getPort() == -1 ? "" : ":" + parsed.getPort());
    }

    private static URI uri(String value, String name) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (Exception e) {
            throw new LedgerRejection("invalid_client_metadata", name + " is not a URI: " + value);
        }
        Rules.require(uri.isAbsolute() && value.length() <= 2048, "invalid_client_metadata",
                name + " must be an absolute URI");
        Rules.require(uri.getFragment() == null, "invalid_client_metadata", name + " must not contain a fragment");
        return uri;
    }
}
