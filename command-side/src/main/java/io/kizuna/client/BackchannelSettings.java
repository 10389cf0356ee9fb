package io.kizuna.client;

import io.kizuna.api.client.ClientBackchannelSettingsChanged;
import io.kizuna.ledger.Rules;
import java.net.URI;
import java.util.List;

/**
 * A client's OpenID Connect CIBA metadata (CIBA Core 1.0 §4): {@code backchannel_token_delivery_mode}
 * ({@code poll} or {@code ping}; {@code push} is not offered), {@code backchannel_client_notification_endpoint}
 * (required for ping; https, or http to a loopback address only when {@code allowLoopbackHttp}),
 * {@code backchannel_authentication_request_signing_alg} and {@code backchannel_user_code_parameter}.
 */
public record BackchannelSettings(String deliveryMode,
                                  String notificationEndpoint,
                                  String requestSigningAlg,
                                  boolean userCodeParameter) {
    public static final BackchannelSettings NONE = new BackchannelSettings(null, null, null, false);
    public static final List<String> DELIVERY_MODES = List.of("poll", "ping");
    /** CIBA §7.1.1: asymmetric signatures only. */
    public static final List<String> SIGNING_ALGS = List.of("ES256", "PS256", "RS256", "EdDSA");

    public static BackchannelSettings of(ClientBackchannelSettingsChanged e) {
        return new BackchannelSettings(e.deliveryMode(), e.notificationEndpoint(), e.requestSigningAlg(),
                e.userCodeParameter());
    }

    public boolean isNone() {
        return NONE.equals(this);
    }

    /** The delivery mode, {@code poll} when the client registered none. */
    public String deliveryModeOrDefault() {
        return deliveryMode == null ? "poll" : deliveryMode;
    }

    /**
     * http notification endpoints on a loopback address are for a server that itself runs on http (the
     * embedded {@code ./kizuna run} and the tests); a server with an https issuer accepts https only.
     */
    public static boolean loopbackHttpAllowed(io.kizuna.config.KizunaProperties properties) {
        return properties.issuer().startsWith("http://");
    }

    /** The aggregate's checks; {@code invalid_client_metadata} (RFC 7591 §3.2.2) on any violation. */
    public void check(boolean allowLoopbackHttp) {
        Rules.require(deliveryMode == null || DELIVERY_MODES.contains(deliveryMode), "invalid_client_metadata",
                "backchannel_token_delivery_mode must be poll or ping (push is not supported)");
        Rules.require(!"ping".equals(deliveryMode) || notificationEndpoint != null, "invalid_client_metadata",
                "ping mode requires backchannel_client_notification_endpoint (CIBA §4)");
        Rules.require(requestSigningAlg == null || SIGNING_ALGS.contains(requestSigningAlg), "invalid_client_metadata",
                "backchannel_authentication_request_signing_alg must be one of " + SIGNING_ALGS + " (CIBA §4)");
        Rules.require(!userCodeParameter, "invalid_client_metadata",
                "backchannel_user_code_parameter is not supported by this server "
                        + "(backchannel_user_code_parameter_supported is false, CIBA §4)");
        if (notificationEndpoint != null) {
            URI uri;
            try {
                uri = new URI(notificationEndpoint);
            } catch (Exception e) {
                throw new io.kizuna.api.LedgerRejection("invalid_client_metadata",
                        "backchannel_client_notification_endpoint is not a URI");
            }
            Rules.require(uri.isAbsolute() && uri.getHost() != null && uri.getFragment() == null
                            && ClientUrls.httpsOrLoopbackHttp(uri, allowLoopbackHttp),
                    "invalid_client_metadata", "backchannel_client_notification_endpoint must be an https URL "
                            + "without a fragment (CIBA §4)");
        }
    }
}
