package io.kizuna.client;

import io.kizuna.api.LedgerRejection;
import io.kizuna.ledger.Rules;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A client's logout metadata (OIDC client metadata, RFC 7591 §2 extensions):
 * {@code post_logout_redirect_uris} (RP-Initiated Logout 1.0 §3.1), {@code backchannel_logout_uri} and
 * {@code backchannel_logout_session_required} (Back-Channel Logout 1.0 §2.2).
 */
public record LogoutSettings(List<String> postLogoutRedirectUris,
                             String backchannelLogoutUri,
                             boolean backchannelLogoutSessionRequired) {
    public static final LogoutSettings NONE = new LogoutSettings(List.of(), null, false);
    static final int MAX_URIS = 20;

    public LogoutSettings {
        postLogoutRedirectUris = postLogoutRedirectUris == null ? List.of() : List.copyOf(postLogoutRedirectUris);
        backchannelLogoutUri = backchannelLogoutUri == null || backchannelLogoutUri.isBlank() ? null
                : backchannelLogoutUri;
    }

    /**
     * The aggregate's checks, {@code invalid_client_metadata} (RFC 7591 §3.2.2) on any violation.
     * Post-logout URIs follow the redirect-URI rules (absolute, no fragment, no wildcard, compared exactly;
     * RP-Initiated Logout §3.1, §4 "no open redirector"); a public client may use http only on a loopback
     * IP literal. The back-channel URI is absolute, without a fragment (Back-Channel Logout §2.2), https —
     * or http for a confidential client, as §2.2 allows.
     */
    void check(boolean isPublic) {
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
