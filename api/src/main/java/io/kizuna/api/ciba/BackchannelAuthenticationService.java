package io.kizuna.api.ciba;

import java.time.Instant;
import java.util.List;

/**
 * The member's side of OpenID Connect CIBA Core 1.0: the backchannel authentication requests waiting for
 * the signed-in member's decision, and the decision. The account page that stands in for the member's
 * authentication device uses it; another device channel could too.
 */
public interface BackchannelAuthenticationService {

    /** The signed-in member's pending requests, newest first; empty when the session is not valid. */
    List<PendingRequest> pending(String sessionCookie);

    /** Records the decision of the member signed in with {@code sessionCookie} on request {@code reference}. */
    Decision decide(String reference, String sessionCookie, boolean approved);

    /**
     * @param reference      an opaque handle of the request for the page (not the client's auth_req_id)
     * @param bindingMessage the client's binding message (CIBA §7.1), or null
     * @param stepUpRequired the client asked for a higher level of assurance than the session has
     */
    record PendingRequest(String reference, String clientName, String siteUri, List<String> scopes,
                          String bindingMessage, boolean stepUpRequired, Instant expiresAt,
                          io.kizuna.api.authorization.AuthorizationRequestService.ClientLinks links) {
        /** {@code links}: the client's logo, policy and terms (OIDC DCR §2), when it registered them. */
        public PendingRequest {
            links = links == null ? io.kizuna.api.authorization.AuthorizationRequestService.ClientLinks.NONE : links;
        }

        public PendingRequest(String reference, String clientName, String siteUri, List<String> scopes,
                              String bindingMessage, boolean stepUpRequired, Instant expiresAt) {
            this(reference, clientName, siteUri, scopes, bindingMessage, stepUpRequired, expiresAt, null);
        }
    }

    enum Decision {
        APPROVED, DENIED, NOT_FOUND, NOT_SIGNED_IN, STEP_UP_REQUIRED
    }
}
